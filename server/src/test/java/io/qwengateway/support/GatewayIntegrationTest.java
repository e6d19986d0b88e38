package io.qwengateway.support;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatedCredentials;

/**
 * Base of the integration tests: the real gateway on a random port, talking to the Qwen simulator over HTTP, with
 * fresh credentials before each test. Retry waits and heartbeats are shortened so that no test sleeps for long; the
 * heartbeat as an inline property, which a subclass's own {@code @DynamicPropertySource} overrides (a dynamic property
 * registered here would win over the subclass's).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gateway.streaming.heartbeat-interval=200ms")
public abstract class GatewayIntegrationTest {

    protected static final QwenSimulator sim = SimulatedQwen.simulator();
    /** Short, so that the slow-header test does not wait long; no test client takes this long to send headers. */
    protected static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);

    @LocalServerPort
    private int port;

    protected GatewayClient gateway;
    protected SimulatedCredentials credentials;

    @DynamicPropertySource
    static void gatewayAgainstSimulator(DynamicPropertyRegistry registry) {
        registry.add("gateway.credentials.source", () -> "qwen-oauth");
        registry.add("gateway.qwen-oauth.home", () -> SimulatedQwen.home().toString());
        registry.add("gateway.qwen-oauth.oauth-base-url", sim::baseUrl);
        registry.add("gateway.qwen-oauth.file-check-interval", () -> "0s");
        registry.add("gateway.qwen-oauth.refresh-cooldown", () -> "0s");
        registry.add("gateway.upstream.retry.initial-backoff", () -> "10ms");
        registry.add("gateway.web.max-request-size", () -> "1MB");
        registry.add("gateway.web.header-timeout", () -> HEADER_TIMEOUT.toMillis() + "ms");
        // The usage history and debug files of the tests stay out of the user's own data directory.
        registry.add("gateway.directories.data", () -> SimulatedQwen.dataDirectory().toString());
    }

    @BeforeEach
    void freshLoginAndClient() {
        credentials = SimulatedQwen.freshLogin();
        gateway = new GatewayClient("http://localhost:" + port);
    }
}
