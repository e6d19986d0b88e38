package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.support.Delays;
import io.qwengateway.simulator.support.Json;

import java.io.IOException;
import java.util.Map;

/**
 * Plays a behaviour as one JSON answer. Stream-shaped failures take their closest non-streaming form, so a
 * behaviour queued for a request that turns out not to stream still tests something.
 */
final class PlainResponder {

    void respond(SimExchange exchange, ChatRequest request, ChatReply reply, ChatBehaviour behaviour)
            throws IOException {
        ReplyIdentity identity = ReplyIdentity.forModel(request.model());
        switch (behaviour.kind()) {
            case STREAM_CUT -> {
                String body = Json.compact(CompletionBody.of(identity, reply));
                exchange.respondTruncated(200, SimExchange.JSON, body, body.length() / 2);
            }
            case STREAM_ENDS_SILENTLY -> exchange.respondJson(200,
                    CompletionBody.of(identity, reply.withFinishReason(null)));
            case STREAM_ERROR_EVENT -> exchange.respond(behaviour.status(), SimExchange.JSON, behaviour.body(),
                    Map.of());
            case ERROR_FINISH -> exchange.respondJson(200, CompletionBody.of(identity,
                    reply.withContent(behaviour.body()).withFinishReason("error_finish")));
            case SLOW_STREAM -> {
                Delays.pause(behaviour.delay().multipliedBy(behaviour.chunks()));
                exchange.respondJson(200, CompletionBody.of(identity, reply));
            }
            default -> exchange.respondJson(200, CompletionBody.of(identity, reply));
        }
    }
}
