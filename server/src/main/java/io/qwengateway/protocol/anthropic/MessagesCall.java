package io.qwengateway.protocol.anthropic;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code POST /v1/messages} translated for the upstream.
 *
 * @param client        the request as the client sent it
 * @param chat          the upstream Chat Completions request, before model resolution and the Qwen adjustments
 * @param stopSequences the client's {@code stop_sequences}, matched by the gateway (see {@link StopSequences})
 * @param streaming     {@code stream: true}
 */
public record MessagesCall(ObjectNode client, ObjectNode chat, List<String> stopSequences, boolean streaming) {

    public MessagesCall {
        stopSequences = List.copyOf(stopSequences);
    }

    /** The model name the client asked for, echoed in its answers (Claude clients display and compare it). */
    public String requestedModel() {
        return client.path("model").asString("");
    }
}
