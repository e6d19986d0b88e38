package io.qwengateway.conformance.scenarios;

import java.util.ArrayList;
import java.util.List;

import io.qwengateway.conformance.harness.Json;
import tools.jackson.databind.JsonNode;

/**
 * An event-stream body split the way OpenAI frames it: events separated by a blank line, each either one
 * {@code data: <json>} line or a {@code :} comment (heartbeat). Anything else is kept so that checks can reject it.
 */
public record EventStream(List<String> events) {

    public static EventStream parse(String body) {
        List<String> events = new ArrayList<>();
        for (String event : body.split("\n\n", -1)) {
            if (!event.isEmpty()) {
                events.add(event);
            }
        }
        return new EventStream(events);
    }

    /** Events that are not heartbeats. */
    public List<String> dataEvents() {
        return events.stream().filter(event -> !event.startsWith(":")).toList();
    }

    /** The payloads after {@code "data: "}, in order, {@code [DONE]} included. */
    public List<String> payloads() {
        return dataEvents().stream().map(event -> event.substring("data: ".length())).toList();
    }

    /** Every JSON payload, in order. */
    public List<JsonNode> chunks() {
        return payloads().stream().filter(payload -> !payload.equals("[DONE]")).map(Json::parse).toList();
    }

    public JsonNode lastChunk() {
        List<JsonNode> chunks = chunks();
        return chunks.get(chunks.size() - 1);
    }
}
