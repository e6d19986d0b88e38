package io.qwengateway.protocol.anthropic;

import java.util.List;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.ChatOutput;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.protocol.NamedEventBuffer;
import io.qwengateway.protocol.SseFrame;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A repaired upstream chat stream as the Messages API's events: {@code event: <type>} frames whose data carries the
 * same {@code type}, from {@code message_start} to {@code message_stop}, heartbeats as {@code ping} events, and a
 * failure as an {@code error} event with Anthropic's error body.
 */
final class MessagesStreamTranslator implements ClientStreamTranslator {

    private final ObjectMapper json;
    private final MessageAssembler assembler;
    private final NamedEventBuffer events;

    MessagesStreamTranslator(ObjectMapper json, MessagesCall call, String id, long estimatedInputTokens) {
        this.json = json;
        this.events = new NamedEventBuffer(json, false);
        this.assembler = new MessageAssembler(id, call.requestedModel(), estimatedInputTokens,
                new StopSequences(call.stopSequences()), events::emit);
    }

    @Override
    public List<SseFrame> start() {
        assembler.start();
        return events.drain();
    }

    @Override
    public List<SseFrame> chunk(ObjectNode chunk) {
        ChatOutput.ofChunk(chunk, assembler);
        if (assembler.stopped()) {
            assembler.complete();
        }
        return events.drain();
    }

    /** A stop sequence matched: the client's stream is over, and the upstream call can be cut. */
    @Override
    public boolean finished() {
        return assembler.stopped();
    }

    @Override
    public List<SseFrame> complete() {
        assembler.complete();
        return events.drain();
    }

    @Override
    public List<SseFrame> fail(ApiException error) {
        return List.of(SseFrame.named("error", json.writeValueAsString(AnthropicErrors.body(error))));
    }

    @Override
    public String heartbeat() {
        return SseFrame.named("ping", "{\"type\":\"ping\"}").toText();
    }

}
