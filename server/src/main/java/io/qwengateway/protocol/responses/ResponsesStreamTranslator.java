package io.qwengateway.protocol.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.ChatOutput;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.protocol.SseFrame;
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
        this.assembler = new ResponseAssembler(response, call, this::emit, clock);
    }

    @Override
    public List<SseFrame> start() {
        assembler.start();
        return drain();
    }

    @Override
    public List<SseFrame> chunk(ObjectNode chunk) {
        ChatOutput.ofChunk(chunk, assembler);
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
}
