package io.qwengateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.qwengateway.credentials.UpstreamCredential;
import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatorOptions;

/**
 * The gateway's own httpclient, against the simulator cutting connections after it received the request: resent at
 * once only over a connection that had served an answer before, once, and within the request's send budget.
 */
class StaleConnectionRetryTest {

    private static final byte[] CHAT = "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final UpstreamProperties PROPERTIES = new UpstreamProperties("", Map.of(), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30), 16, 65536, 3,
            new UpstreamProperties.Retry(3, Duration.ofMillis(10), 2.0, 0.5));

    private static QwenSimulator sim;
    private CloseableHttpClient http;
    private UpstreamClient client;
    private UpstreamCredential credential;

    @BeforeAll
    static void start() {
        sim = QwenSimulator.start(SimulatorOptions.defaults().withAcceptAnyBearer(true));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void freshPool() {
        sim.reset();
        http = new HttpClientsConfiguration().upstreamHttpClient(PROPERTIES);
        client = new UpstreamClient(http, PROPERTIES);
        credential = new UpstreamCredential("any-token", sim.baseUrl() + "/v1", Map.of());
    }

    @AfterEach
    void closePool() throws IOException {
        http.close();
    }

    private UpstreamResponse send(SendBudget sends) throws IOException {
        sends.count(); // as UpstreamCaller does before each attempt
        return client.open(new UpstreamRequest("/chat/completions", CHAT, false), credential, sends);
    }

    /** One answered request, read to its end, so that its connection waits in the pool. */
    private void warmPooledConnection() throws IOException {
        try (UpstreamResponse response = send(new SendBudget(1))) {
            assertThat(response.readBody()).isNotEmpty();
        }
    }

    private int posts() {
        return sim.recordedRequests("/v1/chat/completions").size();
    }

    @Test
    void aFreshConnectionCutAfterTheRequestIsNotResent() {
        sim.enqueueChat(ChatBehaviour.resetBeforeResponse());
        SendBudget sends = new SendBudget(3);

        IOException failure = catchThrowableOfType(IOException.class, () -> send(sends));

        assertThat(failure).isNotNull();
        assertThat(posts()).isEqualTo(1);
        assertThat(sends.sent()).isEqualTo(1);
    }

    @Test
    void aPooledConnectionFoundDeadIsResentAtOnceAndTheResendIsCounted() throws IOException {
        warmPooledConnection();
        sim.enqueueChat(ChatBehaviour.resetBeforeResponse());
        SendBudget sends = new SendBudget(3);

        try (UpstreamResponse response = send(sends)) {
            assertThat(response.status()).isEqualTo(200);
        }

        assertThat(posts()).isEqualTo(1 + 2);
        assertThat(sends.sent()).isEqualTo(2);
    }

    @Test
    void onlyOneResendPerRequestHoweverManyConnectionsFail() throws IOException {
        warmPooledConnection();
        sim.enqueueChat(ChatBehaviour.resetBeforeResponse(), ChatBehaviour.resetBeforeResponse(),
                ChatBehaviour.resetBeforeResponse());
        SendBudget sends = new SendBudget(3);

        IOException failure = catchThrowableOfType(IOException.class, () -> send(sends));

        assertThat(failure).isNotNull();
        assertThat(posts()).isEqualTo(1 + 2);
        assertThat(sends.sent()).isEqualTo(2);
    }

    @Test
    void noResendOnceTheBudgetIsSpent() throws IOException {
        warmPooledConnection();
        sim.enqueueChat(ChatBehaviour.resetBeforeResponse());
        SendBudget sends = new SendBudget(1);

        IOException failure = catchThrowableOfType(IOException.class, () -> send(sends));

        assertThat(failure).isNotNull();
        assertThat(posts()).isEqualTo(1 + 1);
    }

    @Test
    void refusedConnectionsAreLeftToTheBackedOffRetries() {
        UpstreamCredential nowhere = new UpstreamCredential("any-token", "http://127.0.0.1:1/v1", Map.of());
        SendBudget sends = new SendBudget(3);
        sends.count();

        IOException failure = catchThrowableOfType(IOException.class, () -> client.open(
                new UpstreamRequest("/chat/completions", CHAT, false), nowhere, sends));

        assertThat(failure).isNotNull();
        assertThat(sends.sent()).isEqualTo(1);
    }
}
