package io.qwengateway.simulator;

import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the simulator received it, for assertions on what a client actually sent.
 *
 * @param method     HTTP method, e.g. {@code POST}
 * @param path       path without the query, e.g. {@code /v1/chat/completions}
 * @param query      raw query string, empty when there was none
 * @param headers    header names lower-cased, each mapped to its first value
 * @param body       the raw body, exactly as sent (form bodies are not re-encoded)
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(String method, String path, String query, Map<String, String> headers, String body,
                              Instant receivedAt) {

    public RecordedRequest {
        query = query == null ? "" : query;
        headers = Map.copyOf(headers);
    }

    /** A header by case-insensitive name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    public boolean hasHeader(String name) {
        return headers.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The body parsed as JSON; throws if it is not JSON (form bodies, for instance). */
    public JsonNode jsonBody() {
        return Json.parse(body);
    }
}
