package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.ResponseShape;
import io.qwengateway.simulator.chat.StreamPlan.DeltaStyle;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.support.Delays;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Plays a behaviour as an SSE stream: the normal chunk sequence, or one that goes wrong on purpose. */
final class StreamingResponder {

    private final StreamStats streams;

    StreamingResponder(StreamStats streams) {
        this.streams = streams;
    }

    void respond(SimExchange exchange, ChatRequest request, ChatReply reply, ChatBehaviour behaviour,
                 ResponseShape shape) {
        ChunkFactory chunks = new ChunkFactory(ReplyIdentity.forModel(request.model()), request.includeUsage());
        streams.opened();
        StreamWriter writer = new StreamWriter(exchange, streams::closed);
        try {
            writer.start();
            play(writer, chunks, request, reply, behaviour, shape);
        } catch (IOException clientWentAway) {
            streams.clientWentAway();
        } finally {
            // A no-op after a normal end or a deliberate cut; otherwise stop at once and free the thread.
            writer.abandon();
        }
    }

    private static void play(StreamWriter writer, ChunkFactory chunks, ChatRequest request, ChatReply reply,
                             ChatBehaviour behaviour, ResponseShape shape) throws IOException {
        Duration pace = shape.chunkDelay();
        switch (behaviour.kind()) {
            case STREAM_CUT -> {
                send(writer, opening(chunks, reply, behaviour.chunks()), pace);
                writer.cut();
            }
            case STREAM_ENDS_SILENTLY -> {
                send(writer, opening(chunks, reply, behaviour.chunks()), pace);
                writer.end();
            }
            case STREAM_ERROR_EVENT -> {
                send(writer, opening(chunks, reply, behaviour.chunks()), pace);
                writer.errorEvent(behaviour.status(), behaviour.body());
                writer.end();
            }
            case ERROR_FINISH -> {
                send(writer, opening(chunks, reply, behaviour.chunks()), pace);
                writer.data(chunks.errorFinish(behaviour.body()));
                writer.done();
                writer.end();
            }
            case SLOW_STREAM -> complete(writer, chunks, request, reply,
                    ContentChunks.exactly(reply.content(), behaviour.chunks()), behaviour.delay(),
                    DeltaStyle.STANDARD, shape);
            case CUMULATIVE_DELTAS -> complete(writer, chunks, request, reply,
                    ContentChunks.atMost(reply.content(), shape.contentChunks()), pace,
                    DeltaStyle.CUMULATIVE_CONTENT, shape);
            case TOOL_CALL_QUIRKS -> complete(writer, chunks, request, reply,
                    ContentChunks.atMost(reply.content(), shape.contentChunks()), pace,
                    DeltaStyle.COLLIDING_TOOL_CALLS, shape);
            default -> complete(writer, chunks, request, reply,
                    ContentChunks.atMost(reply.content(), shape.contentChunks()), pace, DeltaStyle.STANDARD, shape);
        }
    }

    /** The whole answer, the usage chunk if asked for, {@code [DONE]}, and a clean end. */
    private static void complete(StreamWriter writer, ChunkFactory chunks, ChatRequest request, ChatReply reply,
                                 List<String> contentPieces, Duration pace, DeltaStyle style, ResponseShape shape)
            throws IOException {
        String reasoning = reply.reasoning() == null ? "" : reply.reasoning();
        List<ObjectNode> events = new StreamPlan(chunks, style)
                .reasoning(ContentChunks.atMost(reasoning, shape.contentChunks()))
                .content(contentPieces)
                .toolCalls(reply.toolCalls())
                .finish(reply.finishReason())
                .events();
        send(writer, events, pace);
        if (request.includeUsage()) {
            Delays.pause(pace);
            writer.data(chunks.usage(reply.usage()));
        }
        writer.done();
        writer.end();
    }

    /** The role chunk and the first {@code count} content chunks of an answer cut into more than that. */
    private static List<ObjectNode> opening(ChunkFactory chunks, ChatReply reply, int count) {
        List<String> pieces = ContentChunks.exactly(reply.content(), count + 1).subList(0, count);
        return new StreamPlan(chunks, DeltaStyle.STANDARD).content(pieces).events();
    }

    private static void send(StreamWriter writer, List<ObjectNode> events, Duration pace) throws IOException {
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                Delays.pause(pace);
            }
            writer.data(events.get(i));
        }
    }
}
