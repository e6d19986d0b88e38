package io.qwengateway.simulator.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.qwengateway.simulator.RecordedRequest;
import io.qwengateway.simulator.support.Json;
import io.qwengateway.simulator.support.RandomIds;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request and its response, with the request body already read: every route needs the body, and reading it
 * completely before answering lets a deliberate connection drop close cleanly instead of resetting on unread bytes.
 */
public final class SimExchange {

    public static final String JSON = "application/json";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";

    private final HttpExchange exchange;
    private final String body;
    private final Map<String, String> headers;
    private final Instant receivedAt;

    private SimExchange(HttpExchange exchange, String body, Map<String, String> headers, Instant receivedAt) {
        this.exchange = exchange;
        this.body = body;
        this.headers = headers;
        this.receivedAt = receivedAt;
    }

    static SimExchange read(HttpExchange exchange) throws IOException {
        Instant receivedAt = Instant.now();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new SimExchange(exchange, body, firstValuesByLowerCaseName(exchange.getRequestHeaders()), receivedAt);
    }

    private static Map<String, String> firstValuesByLowerCaseName(Headers requestHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : requestHeaders.entrySet()) {
            if (!header.getValue().isEmpty()) {
                headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue().get(0));
            }
        }
        return headers;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    public String path() {
        return exchange.getRequestURI().getPath();
    }

    public String body() {
        return body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A query parameter, percent-decoded; query strings come from browsers and humans, so '+' means space here. */
    public Optional<String> queryParameter(String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                return Optional.of(URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    RecordedRequest toRecordedRequest() {
        return new RecordedRequest(method(), path(), exchange.getRequestURI().getRawQuery(), headers, body, receivedAt);
    }

    public void respondJson(int status, JsonNode body) throws IOException {
        respond(status, JSON, Json.compact(body), Map.of());
    }

    public void respondJson(int status, String json) throws IOException {
        respond(status, JSON, json, Map.of());
    }

    public void respondHtml(int status, String html) throws IOException {
        respond(status, HTML, html, Map.of());
    }

    /** A complete response; {@code extraHeaders} may override the content type. */
    public void respond(int status, String contentType, String body, Map<String, String> extraHeaders)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        prepareHeaders(contentType, extraHeaders);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Announces the full length of {@code body} but sends only its first {@code bytesToSend} bytes, then drops the
     * connection: what a client sees when the upstream dies in the middle of a plain JSON answer.
     */
    public void respondTruncated(int status, String contentType, String body, int bytesToSend) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        prepareHeaders(contentType, Map.of());
        exchange.sendResponseHeaders(status, bytes.length);
        OutputStream out = exchange.getResponseBody();
        out.write(bytes, 0, Math.min(bytesToSend, bytes.length));
        out.flush();
        throw new ConnectionAbort("body cut on purpose after " + bytesToSend + " bytes");
    }

    /** Starts a 200 chunked event stream and returns its body; each flush sends one chunk. */
    public OutputStream startEventStream() throws IOException {
        prepareHeaders(EVENT_STREAM, Map.of("Cache-Control", "no-cache"));
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    /** Ends the exchange; for a chunked body this writes the terminating chunk. Failures mean the client left. */
    public void close() {
        try {
            exchange.close();
        } catch (RuntimeException ignored) {
            // the JDK server wraps a failed final write; the client is gone and there is nobody to tell
        }
    }

    private void prepareHeaders(String contentType, Map<String, String> extraHeaders) {
        Headers responseHeaders = exchange.getResponseHeaders();
        responseHeaders.set("Content-Type", contentType);
        // The real service tags every answer; the OpenAI SDKs surface it, and gateway logs may correlate on it.
        responseHeaders.set("x-request-id", RandomIds.hex(16));
        extraHeaders.forEach(responseHeaders::set);
    }
}
