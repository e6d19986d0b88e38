package io.qwengateway.observe;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What went in and out during one exchange, for its debug file: the client's request (headers and body), the
 * upstream request, the upstream response (a stream as its events arrived) and the client's response. Parts are kept
 * by reference where the request path made them anyway (the bodies), so capturing costs a few list additions; they
 * are turned into text only when a file is written, off the request path. Each part is cut at {@code limit} bytes.
 * Written by the thread serving the exchange (the request thread, then the relay thread), read after it finished.
 */
public final class Capture {

    private final int limit;
    private String clientRequestLine;
    /** Null until copied: for most exchanges nobody needs them (see {@link ExchangeObserver#wantsEveryCapture()}). */
    private List<Map.Entry<String, String>> clientHeaders;
    private byte[] clientBody;
    private String upstreamPath;
    private byte[] upstreamBody;
    private byte[] upstreamJson;
    private Object clientJson;
    private final Part upstreamEvents;
    private final Part clientEvents;

    Capture(int limit) {
        this.limit = limit;
        this.upstreamEvents = new Part(limit);
        this.clientEvents = new Part(limit);
    }

    boolean hasHeaders() {
        return clientHeaders != null;
    }

    void clientHeaders(List<Map.Entry<String, String>> headers) {
        this.clientHeaders = headers;
    }

    void clientRequest(String requestLine, List<Map.Entry<String, String>> headers, byte[] body) {
        this.clientRequestLine = requestLine;
        this.clientHeaders = headers;
        this.clientBody = body;
    }

    void upstreamRequest(String path, byte[] body) {
        this.upstreamPath = path;
        this.upstreamBody = body;
    }

    void upstreamJson(byte[] body) {
        this.upstreamJson = body;
    }

    void clientJson(Object body) {
        this.clientJson = body;
    }

    void upstreamEvent(Supplier<String> text, int size) {
        upstreamEvents.add(text, size);
    }

    void clientEvent(String text) {
        clientEvents.add(() -> text, text.length());
    }

    public String clientRequestLine() {
        return clientRequestLine;
    }

    public List<Map.Entry<String, String>> clientHeaders() {
        return clientHeaders == null ? List.of() : clientHeaders;
    }

    public String clientBody() {
        return text(clientBody);
    }

    public String upstreamPath() {
        return upstreamPath;
    }

    public String upstreamBody() {
        return text(upstreamBody);
    }

    /** The upstream's JSON answer, or its stream events as they arrived; null when there was no answer. */
    public String upstreamResponse() {
        return upstreamJson != null ? text(upstreamJson) : upstreamEvents.text();
    }

    /** What the client was sent: the JSON answer, or the stream's frames; null when it got none from the pipeline. */
    public String clientResponse() {
        if (clientJson instanceof byte[] bytes) {
            return text(bytes);
        }
        if (clientJson != null) {
            return cut(clientJson.toString());
        }
        return clientEvents.text();
    }

    private String text(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length <= limit) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return new String(bytes, 0, limit, StandardCharsets.UTF_8) + truncated(bytes.length);
    }

    private String cut(String text) {
        return text.length() <= limit ? text : text.substring(0, limit) + truncated(text.length());
    }

    private static String truncated(long size) {
        return "\n[... cut: " + size + " in all; gateway.debug-log.max-part-size]";
    }

    /**
     * Pieces of text up to the limit, then only a count of what was left out. A piece is made into text only when
     * the file is written: a stream's events are kept as they are, not formatted on the relay thread.
     */
    private static final class Part {
        private final int limit;
        private final List<Supplier<String>> pieces = new ArrayList<>();
        private long size;
        private long left;

        Part(int limit) {
            this.limit = limit;
        }

        void add(Supplier<String> text, int length) {
            if (size + length > limit) {
                left += length;
                return;
            }
            size += length;
            pieces.add(text);
        }

        String text() {
            if (pieces.isEmpty() && left == 0) {
                return null;
            }
            StringBuilder joined = new StringBuilder((int) Math.min(Integer.MAX_VALUE, size + 64));
            pieces.forEach(piece -> joined.append(piece.get()));
            return left == 0 ? joined.toString()
                    : joined + "\n[... " + left + " more characters; gateway.debug-log.max-part-size]";
        }
    }
}
