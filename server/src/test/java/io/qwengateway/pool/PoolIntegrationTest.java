package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;

import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatorOptions;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.MutableClock;
import tools.jackson.databind.JsonNode;

/**
 * Base of the pool's integration tests: the real gateway on a random port in front of several simulated upstreams,
 * each an API-key upstream of its own simulator (the simulator knows which requests it got, so a test sees where
 * each request went). The gateway's clock is a {@link MutableClock}: a test moves it past a cooldown instead of
 * waiting. Before each test the simulators and the pool's cooldowns are reset, and the clock moves a minute on (a
 * new minute for the {@code rpm} limits).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gateway.streaming.heartbeat-interval=200ms")
@Import(PoolIntegrationTest.TestClock.class)
abstract class PoolIntegrationTest {

    protected static final String ADMIN_KEY = "admin-key-for-tests";
    protected static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"hi"}]}""";
    protected static final String STREAM = """
            {"model":"coder-model","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    /** Every simulator the pool tests started; they live as long as the test JVM, like the gateway contexts. */
    private static final List<QwenSimulator> STARTED = new ArrayList<>();

    @LocalServerPort
    private int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected UpstreamPool pool;

    protected GatewayClient gateway;

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.startingNow();
        }
    }

    /** A simulator that accepts {@code key} as its API key. */
    protected static QwenSimulator simulator(String key) {
        QwenSimulator simulator = QwenSimulator.start(SimulatorOptions.defaults().withApiKey(key));
        STARTED.add(simulator);
        return simulator;
    }

    /** The settings every pool test needs: fast retries, an empty QWEN_HOME, its own data directory, the admin key. */
    protected static void common(DynamicPropertyRegistry registry) {
        Path home = temporaryDirectory("qwen-home-");
        Path data = temporaryDirectory("gateway-data-");
        registry.add("gateway.qwen-oauth.home", home::toString);
        registry.add("gateway.directories.data", data::toString);
        registry.add("gateway.admin.key", () -> ADMIN_KEY);
        registry.add("gateway.upstream.retry.initial-backoff", () -> "10ms");
    }

    /** {@code gateway.upstreams[index]}: an API-key upstream at {@code simulator}. */
    protected static void keyUpstream(DynamicPropertyRegistry registry, int index, String name, QwenSimulator simulator,
            String key, Map<String, String> more) {
        String prefix = "gateway.upstreams[" + index + "].";
        registry.add(prefix + "name", () -> name);
        registry.add(prefix + "kind", () -> "api-key");
        registry.add(prefix + "base-url", () -> simulator.baseUrl() + "/v1");
        registry.add(prefix + "api-key", () -> key);
        more.forEach((setting, value) -> registry.add(prefix + setting, () -> value));
    }

    @BeforeEach
    void resetUpstreamsAndClient() {
        STARTED.forEach(QwenSimulator::reset);
        pool.members().forEach(pool::reset);
        clock.advance(Duration.ofMinutes(1)); // a new minute for the rpm limits
        gateway = new GatewayClient("http://localhost:" + port);
    }

    /** A chat request with these headers (name, value, ...). */
    protected HttpResponse<String> chat(String body, String... headers) {
        return gateway.postJson("/v1/chat/completions", body, headers);
    }

    /** {@link #CHAT} with one more top-level field, such as an affinity key. */
    protected static String chatWith(String field, String value) {
        return CHAT.replace("{\"model\"", "{\"" + field + "\":\"" + value + "\",\"model\"");
    }

    protected HttpResponse<String> admin(String method, String path) {
        return gateway.send(gateway.request(path).header("Authorization", "Bearer " + ADMIN_KEY)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The upstream's entry in {@code /health}. */
    protected JsonNode health(String upstream) {
        return health(gateway, upstream);
    }

    static JsonNode health(GatewayClient gateway, String upstream) {
        for (JsonNode entry : GatewayClient.parse(gateway.get("/health").body()).path("upstreams")) {
            if (entry.path("name").asString().equals(upstream)) {
                return entry;
            }
        }
        throw new AssertionError("no upstream " + upstream + " in /health");
    }

    protected static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
