package io.qwengateway.streaming;

/**
 * Frames payloads as server-sent events the way OpenAI does: {@code data: <payload>\n\n}, with the space after the
 * colon, and no {@code event:} lines (older SDKs mis-parse named events).
 *
 * <p>One opt-in exception, {@code gateway.streaming.named-error-events}: LangChain4j's OpenAI client notices a failure
 * inside a stream only when it is an {@code event: error} frame, and otherwise ends the stream as a success. Switched
 * on, error payloads carry that line; the OpenAI SDKs still raise on them.
 */
final class EventFraming {

    private static final String ERROR_PAYLOAD = "{\"error\":";

    private final boolean namedErrorEvents;

    EventFraming(boolean namedErrorEvents) {
        this.namedErrorEvents = namedErrorEvents;
    }

    String frame(String payload) {
        if (namedErrorEvents && payload.startsWith(ERROR_PAYLOAD)) {
            return "event: error\ndata: " + payload + "\n\n";
        }
        return "data: " + payload + "\n\n";
    }
}
