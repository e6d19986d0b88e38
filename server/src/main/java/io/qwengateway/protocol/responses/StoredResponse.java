package io.qwengateway.protocol.responses;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * A finished response kept for {@code previous_response_id}, {@code GET /v1/responses/{id}} and its input items.
 *
 * @param id        the {@code resp_} id
 * @param owner     who may read it: a fingerprint of the client key when the gateway has client keys, else empty
 * @param response  the response object as the client received it
 * @param history   the conversation before this response's output: the earlier turns' items and this request's input,
 *                  each with an id, as the next turn needs them
 * @param input     this request's own input items (what {@code input_items} lists)
 * @param sizeBytes an estimate of the memory it holds, for the store's size cap
 */
public record StoredResponse(String id, String owner, ObjectNode response, List<ObjectNode> history,
        List<ObjectNode> input, long sizeBytes) {

    public StoredResponse {
        history = List.copyOf(history);
        input = List.copyOf(input);
    }
}
