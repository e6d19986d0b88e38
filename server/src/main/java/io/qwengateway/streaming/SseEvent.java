package io.qwengateway.streaming;

import java.util.List;

/**
 * One upstream server-sent event.
 *
 * @param name     the {@code event:} field, null for plain data events
 * @param data     the {@code data:} lines joined by newlines, null when the event had none (a keep-alive)
 * @param comments the {@code :} lines; DashScope puts {@code HTTP_STATUS/429} in one on error events
 */
public record SseEvent(String name, String data, List<String> comments) {

    public SseEvent {
        comments = List.copyOf(comments);
    }

    /** The event in SSE's wire form, as it arrived (up to line endings and the order of its fields). */
    public String toText() {
        StringBuilder text = new StringBuilder();
        comments.forEach(comment -> text.append(':').append(comment).append('\n'));
        if (name != null) {
            text.append("event:").append(name).append('\n');
        }
        if (data != null) {
            for (String line : data.split("\n", -1)) {
                text.append("data:").append(line).append('\n');
            }
        }
        return text.append('\n').toString();
    }

    /** The HTTP status DashScope announces in an error event's {@code :HTTP_STATUS/nnn} comment, if any. */
    public Integer announcedStatus() {
        for (String comment : comments) {
            String trimmed = comment.trim();
            if (trimmed.startsWith("HTTP_STATUS/")) {
                try {
                    return Integer.parseInt(trimmed.substring("HTTP_STATUS/".length()).trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
