package io.qwengateway.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.qwengateway.GatewayApplication;

/**
 * The launcher's training start ({@code -D}{@value #PROPERTY}{@code =true}): the gateway starts on a loopback port
 * in front of a stand-in upstream on another, serves a few hundred chat requests, plain and streamed, and exits. The
 * JVM records what it loaded and, on Java 25+, how the request path's methods ran (JEP 515), so that a gateway
 * started from that cache loads the request path's classes from it and compiles its hot methods sooner: its first
 * requests are faster, not only its start. Nothing leaves the machine; the launcher runs it with no setting of the
 * user's (its own working directory, data directories and API key).
 */
public final class TrainingRun {

    public static final String PROPERTY = "qwen.gateway.training";

    /** Requests of each kind: enough for the JIT to profile the path, little enough for a quick training. */
    private static final int REQUESTS = 300;
    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"system","content":"Be brief."},\
            {"role":"user","content":"Train me, please."}]%s}""";
    private static final String COMPLETION = """
            {"id":"chatcmpl-training","object":"chat.completion","created":1,"model":"coder-model","choices":[{"index":\
            0,"message":{"role":"assistant","content":"Trained."},"finish_reason":"stop"}],"usage":{"prompt_tokens":\
            12,"completion_tokens":2,"total_tokens":14}}""";
    private static final String CHUNK = """
            data: {"id":"chatcmpl-training","object":"chat.completion.chunk","created":1,"model":"coder-model",\
            "choices":[{"index":0,"delta":{%s},"finish_reason":%s}]}

            """;

    private TrainingRun() {
    }

    public static void run() throws Exception {
        HttpServer upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/v1/chat/completions", TrainingRun::answer);
        upstream.start();
        int exitCode = 0;
        try (ConfigurableApplicationContext context = SpringApplication.run(GatewayApplication.class,
                "--server.address=127.0.0.1", "--server.port=0", "--gateway.api-key.key=training",
                "--gateway.api-key.base-url=http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Map<Integer, Integer> statuses = exercise("http://127.0.0.1:" + port);
            System.out.println("Training requests by status: " + statuses);
            exitCode = statuses.keySet().stream().allMatch(status -> status == 200) ? 0 : 1;
        } finally {
            upstream.stop(0);
        }
        // The JVM writes its class cache as it exits.
        System.exit(exitCode);
    }

    private static Map<Integer, Integer> exercise(String gateway) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            count(statuses, http.send(post(gateway, CHAT.formatted("")), HttpResponse.BodyHandlers.ofString()));
            count(statuses, http.send(post(gateway, CHAT.formatted(",\"stream\":true")),
                    HttpResponse.BodyHandlers.ofString()));
        }
        count(statuses, http.send(HttpRequest.newBuilder(URI.create(gateway + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString()));
        count(statuses, http.send(HttpRequest.newBuilder(URI.create(gateway + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()));
        return statuses;
    }

    private static HttpRequest post(String gateway, String body) {
        return HttpRequest.newBuilder(URI.create(gateway + "/v1/chat/completions"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void count(Map<Integer, Integer> statuses, HttpResponse<String> response) {
        statuses.merge(response.statusCode(), 1, Integer::sum);
    }

    /** The stand-in upstream: a short answer, as one JSON document or as a stream of chunks. */
    private static void answer(HttpExchange exchange) throws IOException {
        String request;
        try (InputStream body = exchange.getRequestBody()) {
            request = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
        boolean stream = request.contains("\"stream\":true");
        String answer = stream
                ? CHUNK.formatted("\"role\":\"assistant\",\"content\":\"\"", "null")
                        + CHUNK.formatted("\"content\":\"Trained\"", "null")
                        + CHUNK.formatted("\"content\":\".\"", "null") + CHUNK.formatted("", "\"stop\"")
                        + "data: [DONE]\n\n"
                : COMPLETION;
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", stream ? "text/event-stream" : "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
