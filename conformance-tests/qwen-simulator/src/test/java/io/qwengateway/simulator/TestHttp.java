package io.qwengateway.simulator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** HTTP calls to a simulator as tests need them: a real client, and a raw socket where a client hides too much. */
final class TestHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String USER_AGENT = "QwenCode/0.15.11 (linux; x64)";

    /** One client per simulator: a pooled connection must never outlive its server and meet a reused port. */
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;

    TestHttp(QwenSimulator simulator) {
        this.baseUrl = simulator.baseUrl();
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    HttpResponse<String> chat(String bearer, String requestJson) {
        return postJson("/v1/chat/completions", bearer, requestJson);
    }

    HttpResponse<String> postJson(String path, String bearer, String json) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    /** A form post as the qwen-code CLI sends it: its User-Agent, Accept JSON, body exactly as given. */
    HttpResponse<String> postForm(String path, String rawFormBody) {
        return send(request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(rawFormBody))
                .build());
    }

    HttpResponse<String> post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends through the client and returns the failure it ends in (for answers that never complete). */
    IOException failureOf(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("expected the exchange to fail, but got " + response.statusCode() + ": "
                    + response.body());
        } catch (IOException expected) {
            return expected;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Form-encodes fields in the given order with %20 for spaces, as the CLI does. */
    static String form(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The {@code data:} payloads of an event stream, in order (for {@code data: } framing with the space). */
    static List<String> dataPayloads(String eventStream) {
        List<String> payloads = new ArrayList<>();
        for (String event : eventStream.split("\n\n")) {
            if (event.startsWith("data: ")) {
                payloads.add(event.substring("data: ".length()));
            }
        }
        return payloads;
    }

    /** The parsed JSON chunks of an event stream, [DONE] left out. */
    static List<JsonNode> chunks(String eventStream) {
        return dataPayloads(eventStream).stream().filter(data -> !data.equals("[DONE]")).map(TestHttp::json).toList();
    }

    /** The concatenated {@code delta.content} of stream chunks. */
    static String streamedContent(List<JsonNode> chunks) {
        StringBuilder content = new StringBuilder();
        for (JsonNode chunk : chunks) {
            JsonNode delta = chunk.path("choices").path(0).path("delta");
            if (delta.path("content").isString()) {
                content.append(delta.path("content").stringValue());
            }
        }
        return content.toString();
    }

    /**
     * Writes a raw HTTP/1.1 request and reads everything until the server closes the connection: what is on the
     * wire, chunk sizes and all, which no client library shows.
     */
    static String rawExchange(QwenSimulator simulator, String requestHead, String body) throws IOException {
        URI uri = URI.create(simulator.baseUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((requestHead + "Host: " + uri.getHost() + "\r\nConnection: close\r\nContent-Length: "
                    + bodyBytes.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(bodyBytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
