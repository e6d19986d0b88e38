package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatorOptions;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.RedisServer;
import io.qwengateway.support.Replica;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas sharing a real redis-server, in front of three API-key upstreams on simulators ({@code a} and
 * {@code b} serve {@code coder-model}, {@code r} only {@code r-only-model}, at most 3 requests a minute): a cooldown seen on
 * one replica is honoured by the other within a second, the {@code rpm} of an upstream holds for both together, a
 * session lands on the same upstream through either, and an outage of Redis fails no request.
 */
class SharedPoolIT {

    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"hi"}]}""";

    private static final QwenSimulator A = QwenSimulator.start(SimulatorOptions.defaults().withApiKey("sk-a"));
    private static final QwenSimulator B = QwenSimulator.start(SimulatorOptions.defaults().withApiKey("sk-b"));
    private static final QwenSimulator R = QwenSimulator.start(SimulatorOptions.defaults().withApiKey("sk-r"));

    private static RedisServer redis;
    private static Replica first;
    private static Replica second;

    @BeforeAll
    static void cluster() {
        redis = RedisServer.start();
        first = replica();
        second = replica();
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        redis.close();
        List.of(A, B, R).forEach(QwenSimulator::close);
    }

    /** A replica with the three upstreams and a data directory of its own, as on a machine of its own. */
    private static Replica replica() {
        try {
            return Replica.start(redis.url(),
                    "--gateway.directories.data=" + Files.createTempDirectory("shared-pool-"),
                    "--gateway.pool.shared-refresh=100ms",
                    "--gateway.upstreams[0].name=a", "--gateway.upstreams[0].kind=api-key",
                    "--gateway.upstreams[0].base-url=" + A.baseUrl() + "/v1", "--gateway.upstreams[0].api-key=sk-a",
                    "--gateway.upstreams[0].rpm=100000", "--gateway.upstreams[0].models[0]=coder-model",
                    "--gateway.upstreams[1].name=b", "--gateway.upstreams[1].kind=api-key",
                    "--gateway.upstreams[1].base-url=" + B.baseUrl() + "/v1", "--gateway.upstreams[1].api-key=sk-b",
                    "--gateway.upstreams[1].models[0]=coder-model",
                    "--gateway.upstreams[2].name=r", "--gateway.upstreams[2].kind=api-key",
                    "--gateway.upstreams[2].base-url=" + R.baseUrl() + "/v1", "--gateway.upstreams[2].api-key=sk-r",
                    "--gateway.upstreams[2].models[0]=r-only-model", "--gateway.upstreams[2].rpm=3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void everyUpstreamServes() {
        for (Replica replica : List.of(first, second)) {
            UpstreamPool pool = replica.bean(UpstreamPool.class);
            pool.members().forEach(pool::reset);
        }
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> cooling(first, "a") == null
                && cooling(second, "a") == null);
        List.of(A, B, R).forEach(QwenSimulator::reset);
    }

    private static HttpResponse<String> chat(Replica replica, String body, String... headers) {
        return replica.client().postJson("/v1/chat/completions", body, headers);
    }

    private static void assertOk(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The upstream's cooldown reason in the replica's /health, or null while it is ok. */
    private static String cooling(Replica replica, String upstream) {
        for (JsonNode entry : health(replica).path("upstreams")) {
            if (entry.path("name").asString().equals(upstream)) {
                return entry.path("state").asString().equals("ok") ? null : entry.path("reason").asString();
            }
        }
        throw new AssertionError("no upstream " + upstream);
    }

    private static JsonNode health(Replica replica) {
        return GatewayClient.parse(replica.client().get("/health").body());
    }

    /**
     * Spends {@code a}'s quota through {@code seen} and returns how long {@code other} took to set it aside, after
     * which {@code other} sends it nothing.
     */
    private static Duration quotaSpentOn(Replica seen, Replica other) {
        A.enqueueChat(ChatBehaviour.quotaExceeded429());
        assertThat(chat(seen, CHAT, "X-Qwen-Upstream", "a").statusCode()).isEqualTo(429);
        long spent = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> "quota".equals(cooling(other, "a")));
        Duration took = Duration.ofNanos(System.nanoTime() - spent);
        int sentToA = A.chatRequestCount();
        for (int i = 0; i < 4; i++) {
            assertOk(chat(other, CHAT));
        }
        assertThat(A.chatRequestCount()).as("the other replica leaves a alone").isEqualTo(sentToA);
        return took;
    }

    @Test
    void aQuotaSpentOnOneReplicaSetsTheUpstreamAsideOnTheOtherWithinASecond() {
        Duration took = quotaSpentOn(first, second);

        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(B.chatRequestCount()).isEqualTo(4);
    }

    @Test
    void twoReplicasTogetherSendAnUpstreamAtMostItsRpm() {
        String limited = CHAT.replace("coder-model", "r-only-model");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(chat(i % 2 == 0 ? first : second, limited).statusCode());
        }

        assertThat(statuses.stream().filter(status -> status == 200)).hasSize(3);
        assertThat(statuses.stream().filter(status -> status == 429)).hasSize(5);
        assertThat(R.chatRequestCount()).isEqualTo(3);
    }

    @Test
    void aSessionLandsOnTheSameUpstreamThroughEitherReplica() {
        // Both sessions start on b through the first replica. Without sharing, the second replica would place two new
        // sessions on different upstreams (round-robin), so they could not both stay on b.
        for (String session : List.of("shared-session-1", "shared-session-2")) {
            assertOk(chat(first, CHAT, "X-Session-Id", session, "X-Qwen-Upstream", "b"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> List.of("shared-session-1", "shared-session-2")
                .stream().allMatch(session -> redis.command("EXISTS",
                        "{qwen-gateway}:pool:affinity:" + RedisSessionAffinity.id(session)).startsWith(":1")));

        for (int i = 0; i < 3; i++) {
            assertOk(chat(second, CHAT, "X-Session-Id", "shared-session-1"));
            assertOk(chat(second, CHAT, "X-Session-Id", "shared-session-2"));
        }

        assertThat(A.chatRequestCount()).isZero();
        assertThat(B.chatRequestCount()).isEqualTo(8);
    }

    @Test
    void withRedisKilledMidTrafficNoRequestFailsHealthSaysDegradedAndSharingResumesAfterTheRestart()
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
            int id = client;
            clients.execute(() -> {
                for (int i = 0; running.get(); i++) {
                    Replica replica = (i + id) % 2 == 0 ? first : second;
                    HttpResponse<String> response = chat(replica, CHAT, "X-Session-Id", "traffic-" + id + "-" + i % 3);
                    if (response.statusCode() == 200) {
                        served.incrementAndGet();
                    } else {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                }
            });
        }
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.get() >= 20);
            redis.stop();
            for (Replica replica : List.of(first, second)) {
                Awaitility.await().atMost(Duration.ofSeconds(5))
                        .until(() -> health(replica).path("status").asString().equals("degraded"));
                JsonNode shared = health(replica).path("redis");
                assertThat(shared.path("reachable").asBoolean()).isFalse();
                assertThat(shared.path("address").asString()).isEqualTo("127.0.0.1:" + redis.port());
                assertThat(shared.path("last_error").asString()).isNotEmpty();
                assertThat(shared.path("fallback").valueStream().map(JsonNode::asString))
                        .contains("upstream cooldowns", "session affinity", "rpm limits");
            }
            int duringOutage = served.get();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.get() >= duringOutage + 20);

            redis.restart();
            for (Replica replica : List.of(first, second)) {
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> health(replica).path("status").asString().equals("ok"));
                assertThat(health(replica).path("redis").path("fallback")).isEmpty();
            }
            int afterRestart = served.get();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> served.get() >= afterRestart + 20);
        } finally {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(failures).isEmpty();
        assertThat(quotaSpentOn(second, first)).as("shared again").isLessThan(Duration.ofSeconds(1));
    }
}
