package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.support.GatewayIntegrationTest;
import io.qwengateway.support.SseFrames;
import tools.jackson.databind.JsonNode;

/** A stream never ends silently, and a client that leaves stops the upstream at once. */
class StreamingFailuresIT extends GatewayIntegrationTest {

    private static final String STREAM = """
            {"model":"coder-model","stream":true,"messages":[{"role":"user","content":"tell me a long story"}]}""";

    @Test
    void upstreamConnectionCutMidStreamBecomesAnErrorEvent() {
        sim.enqueueChat(ChatBehaviour.streamCut(3));

        SseFrames frames = stream();

        assertEndsWithError(frames, "server_error", "upstream_stream_interrupted");
        assertThat(frames.chunks()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void upstreamThatStopsWithoutFinishingBecomesAnErrorEvent() {
        sim.enqueueChat(ChatBehaviour.streamEndsSilently(3));

        assertEndsWithError(stream(), "server_error", "upstream_stream_incomplete");
    }

    @Test
    void dashScopeStreamTimeoutFrameBecomesAnErrorEvent() {
        sim.enqueueChat(ChatBehaviour.midStreamTimeout(2));

        SseFrames frames = stream();

        JsonNode error = assertEndsWithError(frames, "server_error", "upstream_stream_error");
        assertThat(error.path("message").asString()).contains("504").contains("stream timeout");
    }

    @Test
    void throttlingReportedInsideA200StreamBecomesARateLimitErrorEvent() {
        sim.enqueueChat(ChatBehaviour.errorFinish(2));

        SseFrames frames = stream();

        assertEndsWithError(frames, "requests", "rate_limit_exceeded");
        assertThat(frames.chunks()).noneMatch(chunk -> chunk.toString().contains("error_finish"));
    }

    @Test
    void heartbeatsKeepASilentStreamAliveAndTheStreamStillEndsWithDone() {
        sim.enqueueChat(ChatBehaviour.slowStream(3, Duration.ofMillis(700)));

        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", STREAM);

        SseFrames frames = SseFrames.of(response.body());
        assertThat(frames.frames()).contains(": keep-alive");
        assertThat(frames.endsWithDone()).isTrue();
        assertThat(frames.data()).noneMatch(data -> data.contains("keep-alive"));
    }

    @Test
    void clientThatLeavesMidStreamCancelsTheUpstreamRequest() throws Exception {
        leaveAfterTheFirstEvent();

        assertThat(sim.awaitCancelledStreams(1, Duration.ofSeconds(5)))
                .as("the simulator saw the gateway hang up on its stream").isTrue();
    }

    @Test
    void clientsThatLeaveMidStreamLeaveNoRelayThreadNoUpstreamStreamAndNoOpenFileBehind() throws Exception {
        Path openFiles = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(openFiles), "needs /proc (Linux)");
        leaveAfterTheFirstEvent(); // lazily made pools and threads exist before the baseline
        assertThat(sim.awaitCancelledStreams(1, Duration.ofSeconds(10))).isTrue();
        assertThat(eventually(() -> relayThreads() == 0)).isTrue();
        long baseline = count(openFiles);

        int streams = 20;
        for (int i = 0; i < streams; i++) {
            leaveAfterTheFirstEvent();
        }

        assertThat(sim.awaitCancelledStreams(1 + streams, Duration.ofSeconds(10))).isTrue();
        assertThat(eventually(() -> sim.activeStreams() == 0)).as("upstream streams still open").isTrue();
        assertThat(eventually(() -> relayThreads() == 0)).as("relay threads still running").isTrue();
        assertThat(eventually(() -> count(openFiles) <= baseline + 5))
                .as("open files: %d before, %d now", baseline, count(openFiles)).isTrue();
    }

    private void leaveAfterTheFirstEvent() throws Exception {
        sim.enqueueChat(ChatBehaviour.slowStream(200, Duration.ofMillis(50)));
        HttpRequest request = gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(STREAM)).build();
        HttpResponse<InputStream> response = gateway.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)).readLine())
                    .startsWith("data: {");
        }
    }

    /** Platform threads inside a relay (virtual threads, on Java 21+, are not listed: there it checks nothing). */
    private static long relayThreads() {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(
                        RelaySession.class.getName())))
                .count();
    }

    private static long count(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls for up to ten seconds: cleanup happens on other threads, soon but not at once. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    private SseFrames stream() {
        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", STREAM);
        assertThat(response.statusCode()).isEqualTo(200);
        return SseFrames.of(response.body());
    }

    /** The last event is an OpenAI error envelope, after which nothing follows: no [DONE], no chunk. */
    private static JsonNode assertEndsWithError(SseFrames frames, String type, String code) {
        List<String> data = frames.data();
        assertThat(data).isNotEmpty();
        assertThat(data).doesNotContain("[DONE]");
        JsonNode last = frames.last();
        assertThat(last.has("choices")).isFalse();
        JsonNode error = last.path("error");
        assertThat(error.path("type").asString()).isEqualTo(type);
        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("message").asString()).isNotBlank();
        return error;
    }
}
