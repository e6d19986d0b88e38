package io.qwengateway.conformance.recording;

import java.util.Map;
import java.util.TreeMap;

import io.qwengateway.conformance.harness.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One HTTP request exactly as a client sent it.
 *
 * @param method  {@code GET} or {@code POST}
 * @param path    path and query, e.g. {@code /v1/models/coder-model}
 * @param headers names lower-cased, sorted; hop-by-hop headers (host, content-length, connection...) left out
 * @param body    the body byte for byte (UTF-8), or null when there was none
 */
public record RecordedCall(String method, String path, Map<String, String> headers, String body) {

    public RecordedCall {
        headers = new TreeMap<>(headers);
    }

    /** The body as JSON, or a missing node for a request without a JSON body. */
    public JsonNode jsonBody() {
        return body == null || body.isEmpty() ? MissingNode.getInstance() : Json.parse(body);
    }

    /**
     * The request continuing {@code responseId} where it continued, when recorded, a response of that run: a stored
     * response lives only in the gateway that created it, so the replay points {@code previous_response_id} at the
     * response its own earlier request created. Everything else stays byte for byte.
     */
    public RecordedCall continuing(String responseId) {
        JsonNode previous = jsonBody().path("previous_response_id");
        if (responseId == null || !previous.isString()) {
            return this;
        }
        return new RecordedCall(method, path, headers,
                body.replace("\"" + previous.asString() + "\"", "\"" + responseId + "\""));
    }

    /** Whether the client asked for the usage chunk of a stream. */
    public boolean asksForStreamUsage() {
        return jsonBody().path("stream_options").path("include_usage").asBoolean(false);
    }
}
