package io.qwengateway.streaming;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads server-sent events from the upstream body as they arrive, per the HTML event-stream rules: {@code field:value}
 * lines (one optional space after the colon), {@code :} comments, a blank line ends an event.
 *
 * <p>Written by hand: the SSE clients on Maven Central (OkHttp's, Jetty's) come with their own HTTP stack, while the
 * gateway reads the body httpclient5 already holds, and DashScope's comment-carried status must be kept.
 */
public class SseEventReader {

    private final BufferedReader reader;

    public SseEventReader(InputStream body) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 8192);
    }

    /** The next event, or null at the end of the body. */
    public SseEvent next() throws IOException {
        String name = null;
        StringBuilder data = null;
        List<String> comments = new ArrayList<>(0);
        boolean any = false;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (any) {
                    return new SseEvent(name, data == null ? null : data.toString(), comments);
                }
                continue;
            }
            any = true;
            if (line.charAt(0) == ':') {
                comments.add(line.substring(1));
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                case "event" -> name = value;
                default -> {
                    // id:, retry: and unknown fields mean nothing to a chat relay.
                }
            }
        }
        return any ? new SseEvent(name, data == null ? null : data.toString(), comments) : null;
    }
}
