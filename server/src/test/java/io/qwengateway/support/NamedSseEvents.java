package io.qwengateway.support;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The named events of an event-stream body ({@code event: x} then {@code data: {...}}), heartbeats left out. */
public record NamedSseEvents(List<Event> events) {

    /** @param name the {@code event:} line, null when absent */
    public record Event(String name, JsonNode data) {
    }

    public static NamedSseEvents of(String body) {
        List<Event> events = new ArrayList<>();
        for (String frame : body.split("\n\n")) {
            String name = null;
            String data = null;
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    name = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data = line.substring("data: ".length());
                }
            }
            if (data != null) {
                events.add(new Event(name, GatewayClient.parse(data)));
            }
        }
        return new NamedSseEvents(events);
    }

    public List<String> types() {
        return events.stream().map(event -> event.data().path("type").asString()).toList();
    }

    public JsonNode last() {
        return events.get(events.size() - 1).data();
    }

    /** The concatenated deltas of the events of this type. */
    public String deltas(String type) {
        StringBuilder text = new StringBuilder();
        events.stream().filter(event -> type.equals(event.data().path("type").asString()))
                .forEach(event -> text.append(event.data().path("delta").asString()));
        return text.toString();
    }
}
