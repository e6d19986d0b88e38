package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

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
        sim.enqueueChat(ChatBehaviour.slowStream(200, Duration.ofMillis(50)));
        HttpRequest request = gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(STREAM)).build();

        HttpResponse<InputStream> response = gateway.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            assertThat(reader.readLine()).startsWith("data: {");
        }

        assertThat(sim.awaitCancelledStreams(1, Duration.ofSeconds(5)))
                .as("the simulator saw the gateway hang up on its stream").isTrue();
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
