package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.ResponseShape;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.support.Stalls;

import java.io.IOException;

/** Answers as an SSE stream, keeping count of streams in flight and of those whose client went away. */
final class StreamingResponder {

    private final StreamStats streams;
    private final Stalls stalls;

    StreamingResponder(StreamStats streams, Stalls stalls) {
        this.streams = streams;
        this.stalls = stalls;
    }

    void respond(SimExchange exchange, ChatRequest request, ChatReply reply, ChatBehaviour behaviour,
                 ResponseShape shape) {
        streams.opened();
        StreamWriter writer = new StreamWriter(exchange, streams::closed);
        try {
            writer.start();
            new StreamScript(writer, request, reply, shape, stalls).play(behaviour);
        } catch (IOException clientWentAway) {
            streams.clientWentAway();
        } finally {
            // A no-op after a normal end or a deliberate cut; otherwise stop at once and free the thread.
            writer.abandon();
        }
    }
}
