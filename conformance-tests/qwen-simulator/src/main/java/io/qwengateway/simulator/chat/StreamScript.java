package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.ResponseShape;
import io.qwengateway.simulator.chat.StreamPlan.DeltaStyle;
import io.qwengateway.simulator.support.Delays;
import io.qwengateway.simulator.support.Stalls;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Writes one streamed answer as a behaviour asks: whole and clean, or broken off in one of the upstream's ways. */
final class StreamScript {

    private final StreamWriter writer;
    private final ChunkFactory chunks;
    private final ChatRequest request;
    private final ChatReply reply;
    private final ResponseShape shape;
    private final Stalls stalls;

    StreamScript(StreamWriter writer, ChatRequest request, ChatReply reply, ResponseShape shape, Stalls stalls) {
        this.writer = writer;
        this.chunks = new ChunkFactory(ReplyIdentity.forModel(request.model()), request.includeUsage());
        this.request = request;
        this.reply = reply;
        this.shape = shape;
        this.stalls = stalls;
    }

    void play(ChatBehaviour behaviour) throws IOException {
        switch (behaviour.kind()) {
            case STREAM_CUT -> {
                sendOpening(behaviour.chunks());
                writer.cut();
            }
            case STREAM_ENDS_SILENTLY -> {
                sendOpening(behaviour.chunks());
                writer.end();
            }
            case STREAM_ERROR_EVENT -> {
                sendOpening(behaviour.chunks());
                writer.errorEvent(behaviour.status(), behaviour.body());
                writer.end();
            }
            case ERROR_FINISH -> {
                sendOpening(behaviour.chunks());
                writer.data(chunks.errorFinish(behaviour.body()));
                writer.done();
                writer.end();
            }
            case SLOW_STREAM -> sendWhole(ContentChunks.exactly(reply.content(), behaviour.chunks()),
                    DeltaStyle.STANDARD, behaviour.delay());
            case STALL_MID_STREAM -> sendWhole(ContentChunks.exactly(reply.content(), behaviour.chunks() + 1),
                    DeltaStyle.STANDARD, usualPace(), 1 + behaviour.chunks());
            case CUMULATIVE_DELTAS -> sendWhole(usualContentChunks(), DeltaStyle.CUMULATIVE_CONTENT, usualPace());
            case TOOL_CALL_QUIRKS -> sendWhole(usualContentChunks(), DeltaStyle.COLLIDING_TOOL_CALLS, usualPace());
            default -> sendWhole(usualContentChunks(), DeltaStyle.STANDARD, usualPace());
        }
    }

    /** The whole answer, the usage chunk if the client asked for it, {@code [DONE]}, and a clean end. */
    private void sendWhole(List<String> contentPieces, DeltaStyle style, Duration pace) throws IOException {
        sendWhole(contentPieces, style, pace, -1);
    }

    /** The same, held after the first {@code stallAfter} events (the role chunk counted) if that is not negative. */
    private void sendWhole(List<String> contentPieces, DeltaStyle style, Duration pace, int stallAfter)
            throws IOException {
        String reasoning = reply.reasoning() == null ? "" : reply.reasoning();
        List<ObjectNode> events = new StreamPlan(chunks, style)
                .reasoning(ContentChunks.atMost(reasoning, shape.contentChunks()))
                .content(contentPieces)
                .toolCalls(reply.toolCalls())
                .finish(reply.finishReason())
                .events();
        if (stallAfter >= 0) {
            send(events.subList(0, stallAfter), pace);
            if (!stalls.hold()) {
                writer.cut();
            }
            send(events.subList(stallAfter, events.size()), pace);
        } else {
            send(events, pace);
        }
        if (request.includeUsage()) {
            Delays.pause(pace);
            writer.data(chunks.usage(reply.usage()));
        }
        writer.done();
        writer.end();
    }

    /** The role chunk and the first {@code count} content chunks of an answer cut into more than that. */
    private void sendOpening(int count) throws IOException {
        List<String> pieces = ContentChunks.exactly(reply.content(), count + 1).subList(0, count);
        send(new StreamPlan(chunks, DeltaStyle.STANDARD).content(pieces).events(), usualPace());
    }

    private List<String> usualContentChunks() {
        return ContentChunks.atMost(reply.content(), shape.contentChunks());
    }

    private Duration usualPace() {
        return shape.chunkDelay();
    }

    private void send(List<ObjectNode> events, Duration pace) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                Delays.pause(pace);
            }
            writer.data(events.get(i));
        }
    }
}
