package io.qwengateway.streaming;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads server-sent events from the upstream body as they arrive, per the HTML event-stream rules: {@code field:value}
 * lines (one optional space after the colon), {@code :} comments, a blank line ends an event; LF, CRLF and a lone CR
 * end a line.
 *
 * <p>Reads bytes, not characters: a data line stays the upstream's UTF-8 bytes ({@link SseEvent#dataBytes()}), which
 * the relay forwards as they are when no repair touches them, and is decoded only when something asks for its text.
 * Line ends are ASCII bytes that never occur inside a UTF-8 sequence, so splitting before decoding finds the same
 * lines. And the relay may ask whether a whole further event is already here ({@link #eventBuffered()}), to write
 * several with one flush.
 *
 * <p>Written by hand: the SSE clients on Maven Central (OkHttp's, Jetty's) come with their own HTTP stack, while the
 * gateway reads the body httpclient5 already holds, and DashScope's comment-carried status must be kept.
 */
public class SseEventReader {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /**
     * The first buffer of a stream: events are a few hundred bytes, and a longer line doubles it. One per open
     * stream, so its size is per-stream heap (and allocation per stream).
     */
    static final int INITIAL_BUFFER_BYTES = 2048;

    private final InputStream body;
    private byte[] buffer = new byte[INITIAL_BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean endOfBody;
    /** The last line ended with a CR: a LF right after it belongs to that line end. */
    private boolean skipLf;
    /** The current line, set by {@link #nextLine()}: {@code buffer[lineStart, lineEnd)}. */
    private int lineStart;
    private int lineEnd;

    public SseEventReader(InputStream body) {
        this.body = body;
    }

    /** The next event, or null at the end of the body. */
    public SseEvent next() throws IOException {
        String name = null;
        byte[] data = null;
        int dataLength = 0;
        List<String> comments = List.of();
        boolean any = false;
        while (nextLine()) {
            int length = lineEnd - lineStart;
            if (length == 0) {
                if (any) {
                    return SseEvent.ofBytes(name, exactly(data, dataLength), comments);
                }
                continue;
            }
            any = true;
            if (buffer[lineStart] == ':') {
                if (comments.isEmpty()) {
                    comments = new ArrayList<>(1);
                }
                comments.add(text(lineStart + 1, lineEnd));
                continue;
            }
            int colon = indexOf(':', lineStart, lineEnd);
            int fieldEnd = colon < 0 ? lineEnd : colon;
            int valueStart = colon < 0 ? lineEnd : colon + 1;
            if (valueStart < lineEnd && buffer[valueStart] == ' ') {
                valueStart++;
            }
            if (is("data", lineStart, fieldEnd)) {
                int valueLength = lineEnd - valueStart;
                int needed = dataLength + (data == null ? 0 : 1) + valueLength;
                if (data == null) {
                    data = new byte[Math.max(valueLength, 16)];
                } else {
                    if (needed > data.length) {
                        data = Arrays.copyOf(data, Math.max(needed, data.length * 2));
                    }
                    data[dataLength++] = LF;
                }
                if (needed > data.length) {
                    data = Arrays.copyOf(data, needed);
                }
                System.arraycopy(buffer, valueStart, data, dataLength, valueLength);
                dataLength += valueLength;
            } else if (is("event", lineStart, fieldEnd)) {
                name = text(valueStart, lineEnd);
            }
            // id:, retry: and unknown fields mean nothing to a chat relay.
        }
        return any ? SseEvent.ofBytes(name, exactly(data, dataLength), comments) : null;
    }

    /**
     * Whether a whole event is already in the buffer, so that {@link #next()} would return it without waiting for the
     * upstream. Never blocks; false when unsure (a CR at the buffer's end, which a LF may follow).
     */
    public boolean eventBuffered() {
        boolean content = false;
        int i = position;
        if (skipLf && i < limit && buffer[i] == LF) {
            i++;
        }
        int start = i;
        while (i < limit) {
            byte b = buffer[i];
            if (b == LF || b == CR) {
                if (i == start) {
                    if (content) {
                        return true;
                    }
                } else {
                    content = true;
                }
                if (b == CR) {
                    if (i + 1 >= limit) {
                        return false;
                    }
                    if (buffer[i + 1] == LF) {
                        i++;
                    }
                }
                start = i + 1;
            }
            i++;
        }
        return false;
    }

    /** The event's data, without a second copy when its array is already of that length (one data line, usually). */
    private static byte[] exactly(byte[] data, int length) {
        return data == null || data.length == length ? data : Arrays.copyOf(data, length);
    }

    /** Reads up to the next line end; false at the end of the body with nothing left. */
    private boolean nextLine() throws IOException {
        int scanned = position;
        while (true) {
            if (skipLf) {
                if (position == limit && !fill()) {
                    return false;
                }
                skipLf = false;
                if (buffer[position] == LF) {
                    position++;
                }
                scanned = position;
            }
            for (int i = scanned; i < limit; i++) {
                byte b = buffer[i];
                if (b == LF || b == CR) {
                    lineStart = position;
                    lineEnd = i;
                    position = i + 1;
                    skipLf = b == CR;
                    return true;
                }
            }
            scanned = limit;
            int kept = limit - position;
            if (!fill()) {
                if (limit > position) { // the last line, without a line end
                    lineStart = position;
                    lineEnd = limit;
                    position = limit;
                    return true;
                }
                return false;
            }
            scanned = position + kept;
        }
    }

    /** Reads more of the body behind what is left of the buffer; false at the end of the body. */
    private boolean fill() throws IOException {
        if (endOfBody) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
        }
        int n = body.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            endOfBody = true;
            return false;
        }
        limit += n;
        return true;
    }

    private int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private boolean is(String field, int from, int to) {
        if (to - from != field.length()) {
            return false;
        }
        for (int i = 0; i < field.length(); i++) {
            if (buffer[from + i] != field.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String text(int from, int to) {
        return new String(buffer, from, to - from, StandardCharsets.UTF_8);
    }
}
