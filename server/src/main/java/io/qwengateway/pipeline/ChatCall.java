package io.qwengateway.pipeline;

import io.qwengateway.observe.Exchange;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One chat completion request on its way upstream: the client's JSON tree (adjusted in place by the transformers)
 * and the facts about it that the adjustments and the response path need.
 *
 * @param body              the JSON sent upstream; starts as exactly what the client sent
 * @param model             the upstream model name, aliases resolved
 * @param streaming         the client asked for an event stream
 * @param clientWantsUsage  the client set {@code stream_options.include_usage}; the usage chunk goes only to those
 * @param requestId         this request's {@code x-request-id}
 * @param exchange          the facts the operator's view records: an adjustment that changes what the client asked
 *                          for ({@code max_tokens} clamped) says so here
 */
public record ChatCall(ObjectNode body, String model, boolean streaming, boolean clientWantsUsage, String requestId,
        Exchange exchange) {

    public static ChatCall of(ObjectNode body, String upstreamModel, Exchange exchange) {
        boolean streaming = body.path("stream").asBoolean(false);
        JsonNode includeUsage = body.path("stream_options").path("include_usage");
        return new ChatCall(body, upstreamModel, streaming, streaming && includeUsage.asBoolean(false),
                exchange.requestId(), exchange);
    }

    /** A call outside the pipeline (tests, tools): nobody observes its exchange. */
    public static ChatCall of(ObjectNode body, String upstreamModel, String requestId) {
        boolean streaming = body.path("stream").asBoolean(false);
        JsonNode includeUsage = body.path("stream_options").path("include_usage");
        return new ChatCall(body, upstreamModel, streaming, streaming && includeUsage.asBoolean(false), requestId,
                Exchange.unobserved());
    }
}
