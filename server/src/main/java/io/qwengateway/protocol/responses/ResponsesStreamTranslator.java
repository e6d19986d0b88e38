package io.qwengateway.protocol.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.protocol.SseFrame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A repaired upstream chat stream as the Responses API's events: {@code event: <type>} frames whose data carries the
 * same {@code type} and a {@code sequence_number} counting from 0, from {@code response.created} to
 * {@code response.completed}, {@code response.incomplete} (cut off at the token limit) or {@code response.failed}.
 */
public final class ResponsesStreamTranslator implements ClientStreamTranslator {

    private final ObjectMapper json;
    private final ResponseAssembler assembler;
    private final Consumer<ObjectNode> finished;
    private final List<SseFrame> pending = new ArrayList<>();
    private int sequence;

    /**
     * @param response the response object in progress ({@link ResponseObjects#inProgress})
     * @param finished receives the finished response (completed or incomplete), to store it
     */
    ResponsesStreamTranslator(ObjectMapper json, ResponsesCall call, ObjectNode response,
            Consumer<ObjectNode> finished, java.time.Clock clock) {
        this.json = json;
        this.finished = finished;
        this.assembler = new ResponseAssembler(response, call.tools(), call.reasoningSummary(), this::emit, clock);
    }

    @Override
    public List<SseFrame> start() {
        assembler.start();
        return drain();
    }

    @Override
    public List<SseFrame> chunk(ObjectNode chunk) {
        ChatChoices.feed(chunk, assembler);
        return drain();
    }

    @Override
    public List<SseFrame> complete() {
        finished.accept(assembler.complete());
        return drain();
    }

    @Override
    public List<SseFrame> fail(ApiException error) {
        assembler.fail(error);
        return drain();
    }

    private void emit(String type, ObjectNode fields) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.setAll(fields);
        event.put("sequence_number", sequence++);
        pending.add(SseFrame.named(type, json.writeValueAsString(event)));
    }

    private List<SseFrame> drain() {
        List<SseFrame> frames = List.copyOf(pending);
        pending.clear();
        return frames;
    }

    /** What the upstream's chat chunks and completions say, fed to the assembler. */
    static final class ChatChoices {

        private ChatChoices() {
        }

        /** A stream chunk: the first choice's delta (Responses has one output), its finish reason, the usage. */
        static void feed(ObjectNode chunk, ResponseAssembler assembler) {
            JsonNode choice = chunk.path("choices").path(0);
            feedMessage(choice.path("delta"), assembler);
            finishAndUsage(chunk, choice, assembler);
        }

        /** A whole {@code chat.completion}: its first choice's message at once. */
        static void feedCompletion(JsonNode completion, ResponseAssembler assembler) {
            JsonNode choice = completion.path("choices").path(0);
            feedMessage(choice.path("message"), assembler);
            finishAndUsage(completion, choice, assembler);
        }

        private static void feedMessage(JsonNode message, ResponseAssembler assembler) {
            assembler.reasoning(message.path("reasoning_content").asString(null));
            assembler.text(message.path("content").asString(null));
            JsonNode calls = message.path("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                JsonNode call = calls.get(i);
                JsonNode function = call.path("function");
                assembler.toolCall(call.path("index").asInt(i), call.path("id").asString(null),
                        function.path("name").asString(null), function.path("arguments").asString(null));
            }
        }

        private static void finishAndUsage(JsonNode root, JsonNode choice, ResponseAssembler assembler) {
            JsonNode finish = choice.path("finish_reason");
            if (finish.isString()) {
                assembler.finishReason(finish.asString());
            }
            assembler.usage(root.get("usage"));
        }
    }
}
