package io.qwengateway.conformance.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A recording reverse proxy in front of the real gateway: clients talk to it as to any OpenAI server and get the
 * gateway's real answers (so multi-step scenarios such as a tool round trip go on as they would), while every request
 * is kept exactly as the client sent it. Answers are buffered, which a client cannot tell from a fast stream.
 */
public final class CaptureProxy implements AutoCloseable {

    /** Connection-level headers: they describe the hop, not the client, and the JDK client refuses to set them. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "keep-alive",
            "transfer-encoding", "expect", "upgrade", "http2-settings", "te", "trailer", "proxy-connection");

    private final HttpServer server;
    private final String target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<RecordedCall> calls = new ArrayList<>();

    private CaptureProxy(HttpServer server, String target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on a free loopback port and forwards to {@code target} (e.g. {@code http://127.0.0.1:8080}). */
    public static CaptureProxy start(String target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            CaptureProxy proxy = new CaptureProxy(server, target);
            server.createContext("/", proxy::forward);
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "capture-proxy");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests received since the last call, in arrival order. */
    public synchronized List<RecordedCall> takeCalls() {
        List<RecordedCall> taken = List.copyOf(calls);
        calls.clear();
        return taken;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Map<String, String> headers = clientHeaders(exchange);
            synchronized (this) {
                calls.add(new RecordedCall(exchange.getRequestMethod(), pathAndQuery, headers,
                        body.length == 0 ? null : new String(body, StandardCharsets.UTF_8)));
            }
            HttpResponse<byte[]> answer = send(exchange.getRequestMethod(), pathAndQuery, headers, body);
            answer.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private HttpResponse<byte[]> send(String method, String pathAndQuery, Map<String, String> headers, byte[] body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                .timeout(Duration.ofMinutes(1))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static Map<String, String> clientHeaders(HttpExchange exchange) {
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(lower)) {
                headers.put(lower, String.join(", ", values));
            }
        });
        return headers;
    }
}
