package io.qwengateway.startup.training;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The upstream of a training start: answers chat completions (JSON or an event stream, text or a tool call) and
 * embeddings as an OpenAI-compatible Qwen endpoint does, so that the gateway's request path runs end to end. The
 * JDK's own HTTP server: a training start must not depend on anything the gateway does not ship, and its few classes
 * are all it adds to the cache.
 */
final class TrainingUpstream implements AutoCloseable {

    private static final String MODEL = "qwen3-coder-plus";
    private static final String USAGE = "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16}";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    TrainingUpstream() throws IOException {
        // Read once, when the server's classes load. Without it, Java 17's server sends a response's headers and body
        // in two segments, and the second waits for the client's delayed ACK: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/embeddings", this::embeddings);
        server.setExecutor(executor);
        server.start();
    }

    /** The base URL an API-key upstream is configured with: {@code http://127.0.0.1:PORT/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void chat(HttpExchange exchange) throws IOException {
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean tools = request.contains("\"tools\"");
        if (request.contains("\"stream\":true")) {
            // One write per event, as Qwen streams, so that the relay meets frames arriving apart.
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                for (String delta : tools ? toolCallDeltas() : textDeltas()) {
                    event(body, chunk(delta, null));
                }
                event(body, chunk("{}", tools ? "tool_calls" : "stop"));
                event(body, "{\"id\":\"chatcmpl-training\",\"object\":\"chat.completion.chunk\",\"created\":"
                        + "1764633600,\"model\":\"" + MODEL + "\",\"choices\":[]," + USAGE + "}");
                event(body, "[DONE]");
            }
            return;
        }
        String message = tools
                ? "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_training\",\"type\":"
                        + "\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":\"{\\\"path\\\":\\\"README.md"
                        + "\\\"}\"}}]}"
                : "{\"role\":\"assistant\",\"content\":\"Trained and ready.\"}";
        json(exchange, "{\"id\":\"chatcmpl-training\",\"object\":\"chat.completion\",\"created\":1764633600,"
                + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"message\":" + message
                + ",\"finish_reason\":\"" + (tools ? "tool_calls" : "stop") + "\"}]," + USAGE + "}");
    }

    private static void event(OutputStream body, String data) throws IOException {
        body.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        body.flush();
    }

    private static String[] textDeltas() {
        return new String[] { "{\"role\":\"assistant\",\"content\":\"\"}", "{\"content\":\"Trained\"}",
                "{\"content\":\" and\"}", "{\"content\":\" ready.\"}" };
    }

    private static String[] toolCallDeltas() {
        return new String[] { "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":"
                + "\"call_training\",\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"arguments\":\"\"}}]}",
                "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"path\\\":\"}}]}",
                "{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"README.md\\\"}\"}}]}" };
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-training\",\"object\":\"chat.completion.chunk\",\"created\":1764633600,\"model\":\""
                + MODEL + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    private void embeddings(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        json(exchange, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":"
                + "[0.011,-0.024,0.037,0.052]}],\"model\":\"text-embedding-v4\",\"usage\":{\"prompt_tokens\":3,"
                + "\"total_tokens\":3}}");
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        send(exchange, "application/json", body);
    }

    private static void send(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
