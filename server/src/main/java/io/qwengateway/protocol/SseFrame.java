package io.qwengateway.protocol;

/**
 * One server-sent event for the client: an optional event name and its data (one line of compact JSON, or
 * {@code [DONE]}). Every protocol's stream translator produces these; the relay writes them.
 *
 * @param event the {@code event:} field, or null for a data-only event (what Chat Completions clients expect)
 * @param data  the {@code data:} payload, without newlines
 */
public record SseFrame(String event, String data) {

    public static SseFrame data(String data) {
        return new SseFrame(null, data);
    }

    public static SseFrame named(String event, String data) {
        return new SseFrame(event, data);
    }

    /** The frame on the wire: {@code event: x\n} when named, then {@code data: payload\n\n} with OpenAI's space. */
    public String toText() {
        return event == null ? "data: " + data + "\n\n" : "event: " + event + "\ndata: " + data + "\n\n";
    }
}
