package io.qwengateway.conformance.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.qwengateway.conformance.harness.Json;
import tools.jackson.databind.JsonNode;

/**
 * A Responses API event stream: events separated by a blank line, each exactly {@code event: <type>} then
 * {@code data: <one line of JSON>}, or a {@code :} comment (heartbeat). Parsing asserts that framing, so that an
 * event a client's SSE parser would mis-read fails here with the event in the message.
 *
 * @param events the named events in order, heartbeats left out
 */
public record NamedEventStream(List<Event> events) {

    /** One event: its {@code event:} name and its data. */
    public record Event(String name, JsonNode data) {

        public String type() {
            return data.path("type").asString("");
        }
    }

    public static NamedEventStream parse(String body) {
        assertThat(body).as("a stream ends with a blank line").endsWith("\n\n");
        List<Event> events = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.isEmpty() || block.startsWith(":")) {
                continue;
            }
            String[] lines = block.split("\n", -1);
            assertThat(lines).as("an event is one event: line and one data: line: %s", block).hasSize(2);
            assertThat(lines[0]).as("the event name first, with the space").startsWith("event: ");
            assertThat(lines[1]).as("then the data, with the space").startsWith("data: ");
            events.add(new Event(lines[0].substring("event: ".length()),
                    Json.parse(lines[1].substring("data: ".length()))));
        }
        return new NamedEventStream(List.copyOf(events));
    }

    public List<String> types() {
        return events.stream().map(Event::type).toList();
    }

    public List<Event> ofType(String type) {
        return events.stream().filter(event -> event.type().equals(type)).toList();
    }

    public Event last() {
        return events.get(events.size() - 1);
    }
}
