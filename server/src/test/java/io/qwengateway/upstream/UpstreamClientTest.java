package io.qwengateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.qwengateway.credentials.UpstreamCredential;
import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.RecordedRequest;
import io.qwengateway.simulator.SimulatorOptions;

class UpstreamClientTest {

    private static final byte[] CHAT = "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private static QwenSimulator sim;
    private static CloseableHttpClient http;

    @BeforeAll
    static void start() {
        sim = QwenSimulator.start(SimulatorOptions.defaults().withAcceptAnyBearer(true));
        http = HttpClients.createDefault();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        sim.close();
    }

    @Test
    void theCredentialsResourceUrlDecidesWhereTheCallGoes() throws Exception {
        UpstreamClient client = new UpstreamClient(http, properties(""));

        try (UpstreamResponse response = client.open(request(), credential(sim.baseUrl() + "/v1"), new SendBudget(1))) {
            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void qwenApiBaseUrlOverridesTheCredentialsResourceUrl() throws Exception {
        UpstreamClient client = new UpstreamClient(http, properties(sim.baseUrl() + "/v1/"));

        try (UpstreamResponse response = client.open(request(), credential("https://portal.qwen.invalid/v1"),
                new SendBudget(1))) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(client.baseUrl(credential("https://portal.qwen.invalid/v1"))).isEqualTo(sim.baseUrl() + "/v1");
    }

    @Test
    void theHeaderProfileTheCredentialHeadersAndTheBearerTokenAreSent() throws Exception {
        sim.reset();
        sim.setAcceptAnyBearer(true);
        UpstreamClient client = new UpstreamClient(http, properties(""));
        UpstreamCredential credential = new UpstreamCredential("token-1", sim.baseUrl() + "/v1",
                Map.of("X-DashScope-AuthType", "qwen-oauth"));

        byte[] stream = "{\"model\":\"coder-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                .getBytes(StandardCharsets.UTF_8);

        try (UpstreamResponse response = client.open(new UpstreamRequest("/chat/completions", stream, true), credential,
                new SendBudget(1))) {
            assertThat(response.header("Content-Type")).startsWith("text/event-stream");
        }

        RecordedRequest sent = sim.recordedRequests("/v1/chat/completions").get(0);
        assertThat(sent.header("authorization")).hasValue("Bearer token-1");
        assertThat(sent.header("user-agent")).hasValue("QwenCode/test");
        assertThat(sent.header("x-dashscope-authtype")).hasValue("qwen-oauth");
        assertThat(sent.header("accept")).hasValue("text/event-stream");
        assertThat(sent.body()).isEqualTo(new String(stream, StandardCharsets.UTF_8));
    }

    @Test
    void noResponseHeadWithinTheStreamsFirstByteLimitFailsAsAFirstByteTimeout() throws Exception {
        sim.reset();
        sim.setAcceptAnyBearer(true);
        sim.enqueueChat(ChatBehaviour.stallBeforeResponse());
        UpstreamProperties limits = timeouts(Duration.ofMinutes(1), Duration.ofMillis(300), Duration.ofSeconds(30));

        try (CloseableHttpClient pooled = new HttpClientsConfiguration().upstreamHttpClient(limits)) {
            UpstreamClient client = new UpstreamClient(pooled, limits);

            assertThatThrownBy(() -> client.open(streamRequest(), credential(sim.baseUrl() + "/v1"), new SendBudget(3)))
                    .isInstanceOf(FirstByteTimeoutException.class);
            assertThat(sim.chatRequestCount()).as("not resent").isEqualTo(1);
        } finally {
            sim.reset(); // cuts the held request
        }
    }

    @Test
    void onceTheHeadArrivedTheBodyMayPauseLongerThanTheFirstByteLimit() throws Exception {
        sim.reset();
        sim.setAcceptAnyBearer(true);
        // The pause is well beyond the first-byte limit, and the limit well beyond what the head takes on a busy machine.
        sim.enqueueChat(ChatBehaviour.slowStream(2, Duration.ofMillis(2500)));
        UpstreamProperties limits = timeouts(Duration.ofMinutes(1), Duration.ofMillis(1000), Duration.ofSeconds(30));

        try (CloseableHttpClient pooled = new HttpClientsConfiguration().upstreamHttpClient(limits);
                UpstreamResponse response = new UpstreamClient(pooled, limits)
                        .open(streamRequest(), credential(sim.baseUrl() + "/v1"), new SendBudget(1))) {
            assertThat(new String(response.readBody(), StandardCharsets.UTF_8)).endsWith("data: [DONE]\n\n");
        }
    }

    private static UpstreamRequest streamRequest() {
        return new UpstreamRequest("/chat/completions",
                "{\"model\":\"coder-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
                        .getBytes(StandardCharsets.UTF_8), true);
    }

    private static UpstreamProperties timeouts(Duration firstByte, Duration streamFirstByte, Duration read) {
        return new UpstreamProperties("", Map.of(), Duration.ofSeconds(5), read, firstByte, streamFirstByte, 16, 65536,
                3, new UpstreamProperties.Retry(3, Duration.ofMillis(10), 2.0, 0.5));
    }

    private static UpstreamRequest request() {
        return new UpstreamRequest("/chat/completions", CHAT, false);
    }

    private static UpstreamCredential credential(String baseUrl) {
        return new UpstreamCredential("any-token", baseUrl, Map.of());
    }

    private static UpstreamProperties properties(String baseUrlOverride) {
        return new UpstreamProperties(baseUrlOverride, Map.of("User-Agent", "QwenCode/test"), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), 16, 65536, 3,
                new UpstreamProperties.Retry(3, Duration.ofMillis(10), 2.0, 0.5));
    }
}
