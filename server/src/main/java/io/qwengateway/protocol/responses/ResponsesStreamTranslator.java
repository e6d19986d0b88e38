package io.qwengateway.protocol.responses;

import java.util.List;
import java.util.function.Consumer;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.ChatOutput;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.protocol.NamedEventBuffer;
import io.qwengateway.protocol.SseFrame;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A repaired upstream chat stream as the Responses API's events: {@code event: <type>} frames whose data carries the
 * same {@code type} and a {@code sequence_number} counting from 0, from {@code response.created} to
 * {@code response.completed}, {@code response.incomplete} (cut off at the token limit) or {@code response.failed}.
 */
public final class ResponsesStreamTranslator implements ClientStreamTranslator {

    private final ResponseAssembler assembler;
    private final Consumer<ObjectNode> finished;
    private final NamedEventBuffer events;

    /**
     * @param response the response object in progress ({@link ResponseObjects#inProgress})
     * @param finished receives the finished response (completed or incomplete), to store it
     */
    ResponsesStreamTranslator(ObjectMapper json, ResponsesCall call, ObjectNode response,
            Consumer<ObjectNode> finished, java.time.Clock clock) {
        this.events = new NamedEventBuffer(json, true);
        this.finished = finished;
        this.assembler = new ResponseAssembler(response, call, events::emit, clock);
    }

    @Override
    public List<SseFrame> start() {
        assembler.start();
        return events.drain();
    }

    @Override
    public List<SseFrame> chunk(ObjectNode chunk) {
        ChatOutput.ofChunk(chunk, assembler);
        return events.drain();
    }

    @Override
    public List<SseFrame> complete() {
        finished.accept(assembler.complete());
        return events.drain();
    }

    @Override
    public List<SseFrame> fail(ApiException error) {
        assembler.fail(error);
        return events.drain();
    }

}
