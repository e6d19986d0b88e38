package io.qwengateway.streaming;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One upstream server-sent event. Its data is kept as the upstream's bytes and decoded only when asked for as text,
 * so that a chunk the relay forwards unchanged is never decoded and encoded again.
 */
public final class SseEvent {

    private final String name;
    private final byte[] dataBytes;
    private final List<String> comments;
    private String data;

    /**
     * @param name     the {@code event:} field, null for plain data events
     * @param data     the {@code data:} lines joined by newlines, null when the event had none (a keep-alive)
     * @param comments the {@code :} lines; DashScope puts {@code HTTP_STATUS/429} in one on error events
     */
    public SseEvent(String name, String data, List<String> comments) {
        this(name, data, data == null ? null : data.getBytes(StandardCharsets.UTF_8), comments);
    }

    private SseEvent(String name, String data, byte[] dataBytes, List<String> comments) {
        this.name = name;
        this.data = data;
        this.dataBytes = dataBytes;
        this.comments = List.copyOf(comments);
    }

    /** @param dataBytes the {@code data:} lines joined by newlines, in UTF-8 as they arrived; not copied */
    static SseEvent ofBytes(String name, byte[] dataBytes, List<String> comments) {
        return new SseEvent(name, null, dataBytes, comments);
    }

    /** The {@code event:} field, null for plain data events. */
    public String name() {
        return name;
    }

    /** The data as text, null when the event had none. */
    public String data() {
        if (data == null && dataBytes != null) {
            data = new String(dataBytes, StandardCharsets.UTF_8);
        }
        return data;
    }

    /** The data as the upstream's bytes, null when the event had none; not to be changed. */
    byte[] dataBytes() {
        return dataBytes;
    }

    /** The {@code :} lines. */
    public List<String> comments() {
        return comments;
    }

    /** The event in SSE's wire form, as it arrived (up to line endings and the order of its fields). */
    public String toText() {
        StringBuilder text = new StringBuilder();
        comments.forEach(comment -> text.append(':').append(comment).append('\n'));
        if (name != null) {
            text.append("event:").append(name).append('\n');
        }
        if (dataBytes != null) {
            for (String line : data().split("\n", -1)) {
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

    @Override
    public boolean equals(Object other) {
        return other instanceof SseEvent event && Objects.equals(name, event.name)
                && Objects.equals(data(), event.data()) && comments.equals(event.comments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, data(), comments);
    }

    @Override
    public String toString() {
        return "SseEvent[name=" + name + ", data=" + data() + ", comments=" + comments + "]";
    }
}
