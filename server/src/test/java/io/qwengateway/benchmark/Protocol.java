package io.qwengateway.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One client protocol as the benchmark drives it: the same small question as a JSON request and as a stream, and how
 * to recognise the stream's first text delta. {@link #compare} runs the protocols interleaved through the gateway,
 * so that each sees the same JIT, GC and machine state, and prints each one's figures beside Chat Completions'.
 */
record Protocol(String name, String path, String json, String stream, String firstTextMarker, String[] headers) {

    private static final String QUESTION = "Benchmark me, please.";

    static final List<Protocol> ALL = List.of(
            new Protocol("chat", "/chat/completions",
                    "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + QUESTION + "\"}]}",
                    "{\"model\":\"coder-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                            + QUESTION + "\"}]}",
                    "\"content\":\"H", new String[] { "Authorization", "Bearer benchmark-key" }),
            new Protocol("responses", "/responses",
                    "{\"model\":\"coder-model\",\"store\":false,\"input\":\"" + QUESTION + "\"}",
                    "{\"model\":\"coder-model\",\"store\":false,\"stream\":true,\"input\":\"" + QUESTION + "\"}",
                    "response.output_text.delta", new String[] { "Authorization", "Bearer benchmark-key" }),
            new Protocol("messages", "/messages",
                    "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"messages\":[{\"role\":\"user\",\"content\":\""
                            + QUESTION + "\"}]}",
                    "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":true,\"messages\":[{\"role\":"
                            + "\"user\",\"content\":\"" + QUESTION + "\"}]}",
                    "\"text_delta\"", new String[] { "x-api-key", "benchmark-key", "anthropic-version", "2023-06-01" }));

    /** Warms up, then measures every protocol, interleaved, and prints medians and p99s. */
    static void compare(HttpClient http, String gateway, int warmup, int requests) throws Exception {
        run(http, gateway, warmup);
        long[][][] samples = run(http, gateway, requests);
        System.out.printf("%nProtocols through the gateway (%d samples each), milliseconds:%n", requests);
        System.out.printf("  %-10s %15s %15s %22s %22s%n", "", "JSON median", "JSON p99", "first text, median",
                "first text, p99");
        double chatJson = percentile(samples[0][0], 50);
        double chatFirst = percentile(samples[0][1], 50);
        for (int p = 0; p < ALL.size(); p++) {
            double json = percentile(samples[p][0], 50);
            double first = percentile(samples[p][1], 50);
            System.out.printf("  %-10s %8.3f (%+.3f) %15.3f %13.3f (%+.3f) %22.3f%n", ALL.get(p).name, json,
                    json - chatJson, percentile(samples[p][0], 99), first, first - chatFirst,
                    percentile(samples[p][1], 99));
        }
    }

    /** [protocol][0 json, 1 first text][sample] in nanoseconds. */
    private static long[][][] run(HttpClient http, String gateway, int requests) throws Exception {
        long[][][] samples = new long[ALL.size()][2][requests];
        for (int i = 0; i < requests; i++) {
            for (int p = 0; p < ALL.size(); p++) {
                samples[p][0][i] = ALL.get(p).timeJson(http, gateway);
                samples[p][1][i] = ALL.get(p).timeToFirstText(http, gateway);
            }
        }
        return samples;
    }

    private long timeJson(HttpClient http, String gateway) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request(gateway, json), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || !response.body().contains("Hello")) {
            throw new IllegalStateException(name + ": bad answer " + response.statusCode() + " " + response.body());
        }
        return elapsed;
    }

    private long timeToFirstText(HttpClient http, String gateway) throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request(gateway, stream), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader body = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = body.readLine()) != null) {
                if (line.startsWith("data: ") && line.contains(firstTextMarker)) {
                    long elapsed = System.nanoTime() - start;
                    body.transferTo(java.io.Writer.nullWriter());
                    return elapsed;
                }
            }
        }
        throw new IllegalStateException(name + ": the stream had no text delta (" + response.statusCode() + ")");
    }

    private HttpRequest request(String gateway, String body) {
        return HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Content-Type", "application/json")
                .headers(headers)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static double percentile(long[] nanos, double p) {
        long[] sorted = Arrays.copyOf(nanos, nanos.length);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
