package io.qwengateway.protocol.chat;

import java.util.List;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.protocol.RawChunk;
import io.qwengateway.protocol.SseFrame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The repaired upstream chat stream as OpenAI's Chat Completions clients expect it: {@code data: <chunk>} events
 * without names, {@code data: [DONE]} at the end, and a failure as one {@code data: {"error": ...}} event. The usage
 * chunk ({@code "choices": []}) reaches only clients that set {@code stream_options.include_usage}; for those, every
 * chunk carries {@code "usage": null}.
 *
 * <p>One opt-in exception to the framing, {@code gateway.streaming.named-error-events}: LangChain4j's OpenAI client
 * notices a failure inside a stream only when it is an {@code event: error} frame, and otherwise ends the stream as a
 * success. Switched on, the error event carries that name; the OpenAI SDKs still raise on it.
 */
public final class ChatStreamTranslator implements ClientStreamTranslator {

    private static final List<SseFrame> DONE = List.of(SseFrame.data("[DONE]"));

    private final ObjectMapper json;
    private final boolean clientWantsUsage;
    private final boolean namedErrorEvents;

    public ChatStreamTranslator(ObjectMapper json, boolean clientWantsUsage, boolean namedErrorEvents) {
        this.json = json;
        this.clientWantsUsage = clientWantsUsage;
        this.namedErrorEvents = namedErrorEvents;
    }

    @Override
    public List<SseFrame> chunk(ObjectNode chunk) {
        // openai-java rejects a chunk for the mere presence of an "error" key.
        chunk.remove("error");
        JsonNode choiceList = chunk.get("choices");
        boolean noChoices = choiceList == null || choiceList.isNull();
        JsonNode usage = chunk.get("usage");
        boolean usageOnly = (choiceList instanceof ArrayNode array && array.isEmpty())
                || (noChoices && usage != null && !usage.isNull());
        if (clientWantsUsage) {
            if (!chunk.has("usage")) {
                chunk.putNull("usage");
            }
            if (usageOnly && noChoices) {
                chunk.putArray("choices"); // OpenAI's usage chunk has "choices": [], which clients iterate
            }
        } else {
            chunk.remove("usage");
            if (usageOnly) {
                return List.of(); // the usage chunk, which only clients that asked for it may see
            }
        }
        return List.of(SseFrame.data(json.writeValueAsString(chunk)));
    }

    @Override
    public boolean takesRawChunks() {
        return true;
    }

    /**
     * What {@link #chunk} does, on bytes: a raw chunk has choices, no {@code error} key and at most
     * {@code "usage":null}, so the only edit is that member: kept or added for clients that want usage, else removed.
     */
    @Override
    public List<SseFrame> rawChunk(RawChunk chunk) {
        return List.of(clientWantsUsage ? chunk.frameWithNullUsage() : chunk.frameWithoutUsage());
    }

    /** Upstream data that is not a JSON object: not ours to judge, so it goes on as Qwen sent it. */
    @Override
    public List<SseFrame> opaque(String data) {
        return List.of(SseFrame.data(data));
    }

    @Override
    public List<SseFrame> complete() {
        return DONE;
    }

    @Override
    public List<SseFrame> fail(ApiException error) {
        String body = json.writeValueAsString(error.toBody());
        return List.of(namedErrorEvents ? SseFrame.named("error", body) : SseFrame.data(body));
    }
}
