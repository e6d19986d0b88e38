package io.qwengateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.CredentialState;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatedCredentials;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayJar;
import io.qwengateway.support.RedisServer;
import io.qwengateway.support.Replica;
import io.qwengateway.support.SimulatedQwen;
import tools.jackson.databind.JsonNode;

/**
 * Three replicas, each with a credentials file of its own (as on three machines), refresh one OAuth account through
 * a real redis-server: one refresh for the cluster, the new pair adopted everywhere, and an account that survives the
 * death of the replica that was refreshing it.
 */
class SharedOAuthRefreshIT {

    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"hi"}]}""";
    private static final String TOKEN_PATH = "/api/v1/oauth2/token";
    /** Short, so that a replica killed mid-refresh is taken over quickly. */
    private static final String LEASE = "2s";
    private static final String[] CLUSTER_SETTINGS = {
            "--gateway.cluster.oauth-refresh.lease=" + LEASE, "--gateway.cluster.oauth-refresh.poll-interval=20ms" };

    @TempDir
    static Path homes;

    private static RedisServer redis;
    private static final List<Replica> replicas = new ArrayList<>();
    private static final List<Path> replicaHomes = new ArrayList<>();
    /** A fourth replica in a JVM of its own, from the built jar: the one killed mid-refresh. */
    private static GatewayJar separate;
    private static GatewayClient separateClient;
    private static Path separateHome;
    private final QwenSimulator sim = SimulatedQwen.simulator();

    @BeforeAll
    static void cluster() throws IOException {
        redis = RedisServer.start();
        SimulatedCredentials login = SimulatedQwen.freshLogin();
        separateHome = homes.resolve("separate");
        login.writeOauthCredsFile(separateHome);
        int port = GatewayJar.freePort();
        List<String> arguments = new ArrayList<>(List.of("--server.address=127.0.0.1", "--server.port=" + port,
                "--gateway.credentials.source=qwen-oauth", "--gateway.qwen-oauth.file-check-interval=0s",
                "--gateway.cluster.check-interval=100ms"));
        arguments.addAll(List.of(CLUSTER_SETTINGS));
        // Starts in its own JVM while the others start in this one.
        separate = GatewayJar.start(GatewayJar.builtJar(), separateHome, Map.of("REDIS_URL", redis.url(),
                "QWEN_HOME", separateHome.toString(), "QWEN_OAUTH_BASE_URL", SimulatedQwen.simulator().baseUrl()),
                arguments);
        separateClient = new GatewayClient("http://127.0.0.1:" + port);
        for (int i = 0; i < 3; i++) {
            Path home = homes.resolve("replica-" + i);
            login.writeOauthCredsFile(home);
            replicaHomes.add(home);
            replicas.add(Replica.start(redis.url(), home, CLUSTER_SETTINGS));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        separate.close();
        replicas.forEach(Replica::close);
        redis.close();
    }

    @BeforeEach
    void emptyRedis() {
        redis.command("FLUSHALL");
    }

    /** A new login whose access token has expired, copied to every replica's file (and to {@code more}). */
    private SimulatedCredentials expiredLoginEverywhere(Path... more) throws IOException {
        SimulatedCredentials login = SimulatedQwen.login(Duration.ZERO);
        for (Path home : replicaHomes) {
            login.writeOauthCredsFile(home);
        }
        for (Path home : more) {
            login.writeOauthCredsFile(home);
        }
        return login;
    }

    /** The refresh token of every refresh grant the simulator received, in order. */
    private List<String> refreshTokensSent() {
        return sim.recordedRequests(TOKEN_PATH).stream()
                .map(request -> formField(request.body(), "refresh_token"))
                .toList();
    }

    /** How many chat requests the simulator received with each token, named, never printed whole. */
    private Map<String, Long> chatRequestsByToken(String expired, String refreshed) {
        return sim.recordedRequests("/v1/chat/completions").stream()
                .map(request -> request.header("authorization").orElse("(none)"))
                .map(header -> header.endsWith(" " + refreshed) ? "refreshed"
                        : header.endsWith(" " + expired) ? "expired login" : "another")
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
    }

    private static String formField(String form, String name) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + form.replaceAll("=[^&]*", "=…"));
    }

    /** The value of a RESP bulk-string answer. */
    private static String value(String answer) {
        return answer.split("\r\n")[1];
    }

    private static CredentialSource account(Replica replica) {
        return replica.bean(UpstreamPool.class).member("default").orElseThrow().credentials();
    }

    private static String bearerOf(Replica replica) {
        return account(replica).current().bearerToken();
    }

    @Test
    void fiftyConcurrentRequestsOverThreeReplicasOnAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
        SimulatedCredentials login = expiredLoginEverywhere();
        sim.oauth().setRefreshDelay(Duration.ofMillis(300)); // all 50 arrive while the refresh is under way
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                GatewayClient client = replicas.get(i % 3).client();
                responses.add(CompletableFuture.supplyAsync(() -> client.postJson("/v1/chat/completions", CHAT),
                        clients));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
        sim.oauth().setRefreshDelay(Duration.ZERO);

        assertThat(sim.oauth().refreshCount()).isEqualTo(1);
        assertThat(refreshTokensSent()).containsExactly(login.refreshToken());
        // One send each: a second one would be a request sent with a token Qwen refused (a replica that served an
        // old pair) or a transient failure resent; which tokens were sent tells the two apart when this fails.
        assertThat(sim.chatRequestCount()).as("chat requests by the token they carried: %s",
                chatRequestsByToken(login.accessToken(), bearerOf(replicas.get(0)))).isEqualTo(50);

        // Afterwards each replica refreshes once more, in turn: none may ever send the rotated-away token again.
        for (Replica replica : replicas) {
            CredentialSource account = account(replica);
            account.renewAfterRejection(account.current());
        }
        List<String> sent = refreshTokensSent();
        assertThat(sent).doesNotHaveDuplicates();
        assertThat(sent.subList(1, sent.size())).isNotEmpty().doesNotContain(login.refreshToken());
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String published = bearerOf(replicas.get(0));
            assertThat(replicas).allSatisfy(replica -> assertThat(bearerOf(replica)).isEqualTo(published));
        });
        for (int i = 0; i < 3; i++) {
            assertThat(account(replicas.get(i)).status().state()).isEqualTo(CredentialState.VALID);
            assertThat(Files.readString(replicaHomes.get(i).resolve("oauth_creds.json")))
                    .as("every replica's file holds the live pair").contains(bearerOf(replicas.get(i)));
            assertThat(replicas.get(i).client().postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aReplicaKilledMidRefreshLeavesTheAccountAliveAndAnotherRefreshesItOnceTheLeaseEnds() throws Exception {
        separate.awaitHealthy(separateClient.baseUrl());
        SimulatedCredentials login = expiredLoginEverywhere(separateHome);
        sim.oauth().holdNextRefreshes(1);
        CompletableFuture.runAsync(() -> separateClient.postJson("/v1/chat/completions", CHAT));
        assertThat(sim.oauth().awaitHeldRefreshes(1, Duration.ofSeconds(20)))
                .as("the separate replica is refreshing:\n%s", separate.output()).isTrue();
        assertThat(redis.command("EXISTS", "{qwen-gateway}:oauth:default:lock")).as("and holds the lease")
                .startsWith(":1");
        String killedLeaseFence = value(redis.command("GET", "{qwen-gateway}:oauth:default:fence"));
        separate.close(); // SIGKILL, with the refresh answer still held by the simulator

        HttpResponse<String> response = replicas.get(0).client().postJson("/v1/chat/completions", CHAT);
        sim.oauth().releaseHeldRefreshes(); // too late: answered to a dead process, with a token rotated away

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(refreshTokensSent()).as("the killed replica's grant, then the one after its lease")
                .containsExactly(login.refreshToken(), login.refreshToken());
        assertThat(account(replicas.get(0)).status().state()).isEqualTo(CredentialState.VALID);
        String fence = value(redis.command("GET", "{qwen-gateway}:oauth:default:fence"));
        assertThat(Long.parseLong(fence) - Long.parseLong(killedLeaseFence)).as("the second lease").isEqualTo(1);
        assertThat(value(redis.command("HGET", "{qwen-gateway}:oauth:default:pair", "fence")))
                .as("the pair published is the later lease's").isEqualTo(fence);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(bearerOf(replicas.get(2)))
                .as("adopted by the others").isEqualTo(bearerOf(replicas.get(0))));
        assertThat(replicas.get(1).client().postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        assertThat(sim.oauth().refreshCount()).isEqualTo(2);
    }

    @Test
    void aLoginCompletedOnOneReplicaIsAdoptedByTheOthersThatDoNotShareItsFile() throws Exception {
        expiredLoginEverywhere();
        Replica first = replicas.get(0);
        HttpResponse<String> started = first.client().postJson("/auth/initiate", "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        JsonNode login = GatewayClient.parse(started.body());
        sim.oauth().approve(login.get("user_code").asString());
        String poll = "{\"device_code\":\"" + login.get("device_code").asString() + "\"}";
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> first.client().postJson("/auth/poll", poll).body().contains("\"success\""));

        String fresh = bearerOf(first);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(replicas)
                .allSatisfy(replica -> assertThat(bearerOf(replica)).isEqualTo(fresh)));
        assertThat(Files.readString(replicaHomes.get(2).resolve("oauth_creds.json"))).contains(fresh);
        assertThat(sim.oauth().refreshCount()).as("nobody refreshed the expired pair").isZero();
    }

    @Test
    void afterRedisLostItsDataAPairRefreshedThenIsStillAdoptedByReplicasHoldingOlderLeases() throws Exception {
        SimulatedCredentials login = expiredLoginEverywhere();
        Replica first = replicas.get(0);
        assertThat(first.client().postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        String beforeLoss = bearerOf(first);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(replicas)
                .allSatisfy(replica -> assertThat(bearerOf(replica)).isEqualTo(beforeLoss)));

        redis.command("FLUSHALL"); // as a Redis restarted without persistence
        CredentialSource account = account(replicas.get(1));
        account.renewAfterRejection(account.current());
        String afterLoss = bearerOf(replicas.get(1));
        assertThat(afterLoss).isNotEqualTo(beforeLoss);

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(replicas)
                .allSatisfy(replica -> assertThat(bearerOf(replica)).isEqualTo(afterLoss)));
        List<String> sent = refreshTokensSent();
        assertThat(sent).hasSize(2).doesNotHaveDuplicates().startsWith(login.refreshToken());
    }
}
