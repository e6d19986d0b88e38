package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import io.qwengateway.support.SseFrames;
import tools.jackson.databind.JsonNode;

/**
 * A frozen upstream, with short limits: no response head is a 504 in time, a stream that falls silent ends with an
 * error event and its upstream request is cut, and heartbeats keep their interval during silences.
 */
class StalledUpstreamIT extends GatewayIntegrationTest {

    private static final long HEARTBEAT_MS = 1000;
    /** Scheduling and delivery jitter allowed around the heartbeat interval on a busy machine. */
    private static final long TOLERANCE_MS = 250;

    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"hi"}]}""";
    private static final String STREAM = """
            {"model":"coder-model","stream":true,"messages":[{"role":"user","content":"one two three four five"}]}""";

    @DynamicPropertySource
    static void shortLimits(DynamicPropertyRegistry registry) {
        registry.add("gateway.upstream.first-byte-timeout", () -> "1500ms");
        registry.add("gateway.upstream.stream-first-byte-timeout", () -> "1s");
        registry.add("gateway.streaming.idle-timeout", () -> "3s");
        registry.add("gateway.streaming.heartbeat-interval", () -> HEARTBEAT_MS + "ms");
    }

    @Test
    void aStreamWhoseUpstreamSendsNoResponseHeadGetsA504NamingTheLimitAndIsNotRetried() {
        sim.enqueueChat(ChatBehaviour.stallBeforeResponse());

        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", STREAM);

        JsonNode error = assertTimeoutError(response);
        assertThat(error.path("message").asString()).contains("1 s", "gateway.upstream.stream-first-byte-timeout");
        assertThat(sim.chatRequestCount()).as("not retried").isEqualTo(1);
    }

    @Test
    void aChatWhoseUpstreamSendsNoResponseGetsA504NamingTheNonStreamingLimit() {
        sim.enqueueChat(ChatBehaviour.stallBeforeResponse());

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        JsonNode error = assertTimeoutError(response);
        assertThat(error.path("message").asString()).contains("1.5 s", "gateway.upstream.first-byte-timeout");
        assertThat(sim.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void aStreamWhoseUpstreamFallsSilentEndsWithAnErrorEventAndItsUpstreamRequestIsCut() {
        sim.enqueueChat(ChatBehaviour.stallMidStream(2));

        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", STREAM);

        assertThat(response.statusCode()).isEqualTo(200);
        SseFrames frames = SseFrames.of(response.body());
        assertThat(frames.chunks()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(frames.frames()).as("heartbeats during the silence").contains(": keep-alive");
        assertThat(frames.data()).doesNotContain("[DONE]");
        JsonNode error = frames.last().path("error");
        assertThat(error.path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("code").asString()).isEqualTo("upstream_timeout");
        assertThat(error.path("message").asString()).contains("3 s", "gateway.streaming.idle-timeout");

        sim.thawStalledRequests(); // the upstream goes on writing, into a connection the gateway has closed
        assertThat(sim.awaitCancelledStreams(1, Duration.ofSeconds(10)))
                .as("the simulator's stream failed: the gateway had cut it").isTrue();
    }

    @Test
    void heartbeatsComeOneIntervalAfterTheLastWriteWhereverTheSilenceFalls() throws Exception {
        // Events 1.6 intervals apart: a fixed-rate timer skipping recent writes would leave silences of 1.6 intervals
        sim.enqueueChat(ChatBehaviour.slowStream(3, Duration.ofMillis(HEARTBEAT_MS * 8 / 5)));
        HttpRequest request = gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(STREAM)).build();

        List<Arrival> arrivals = new ArrayList<>();
        HttpResponse<Stream<String>> response = gateway.http().send(request, HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            lines.filter(line -> !line.isEmpty()).forEach(line -> arrivals.add(new Arrival(line, System.nanoTime())));
        }

        assertThat(arrivals.get(arrivals.size() - 1).line()).isEqualTo("data: [DONE]");
        long heartbeats = arrivals.stream().filter(Arrival::isHeartbeat).count();
        assertThat(heartbeats).as("one in each of the four silences").isGreaterThanOrEqualTo(4);
        for (int i = 1; i < arrivals.size(); i++) {
            long gapMs = (arrivals.get(i).nanos() - arrivals.get(i - 1).nanos()) / 1_000_000;
            assertThat(gapMs).as("silence before frame %d (%s) in %s", i, arrivals.get(i).line(), arrivals)
                    .isLessThanOrEqualTo(HEARTBEAT_MS + TOLERANCE_MS);
            if (arrivals.get(i).isHeartbeat()) {
                assertThat(gapMs).as("a heartbeat only after a whole interval of silence: %s", arrivals)
                        .isGreaterThanOrEqualTo(HEARTBEAT_MS - TOLERANCE_MS);
            }
        }
    }

    private static JsonNode assertTimeoutError(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        JsonNode error = GatewayClient.parse(response.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("code").asString()).isEqualTo("upstream_timeout");
        assertThat(error.has("param")).isTrue();
        return error;
    }

    private record Arrival(String line, long nanos) {
        boolean isHeartbeat() {
            return line.startsWith(":");
        }
    }
}
