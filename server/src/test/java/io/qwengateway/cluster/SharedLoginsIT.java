package io.qwengateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.qwengateway.auth.LoginCompletion;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.Replica;
import io.qwengateway.support.SimulatedQwen;
import io.qwengateway.support.TwoReplicas;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas sharing a real redis-server: a login initiated on one is polled to success on the other, its
 * credentials saved once, and the verifier is never answered; with Redis down a login stays on its replica.
 */
class SharedLoginsIT {

    private static final String TOKEN_PATH = "/api/v1/oauth2/token";
    private static final String ACCOUNT = "cluster";

    private static TwoReplicas cluster;

    /** Every body either replica answered in a test, to prove that no secret ever leaves them. */
    private final List<String> answered = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> saves = new ListAppender<>();
    private final Logger completionLog = (Logger) LoggerFactory.getLogger(LoginCompletion.class);

    @BeforeAll
    static void cluster() {
        cluster = TwoReplicas.start("--gateway.qwen-oauth.login.initial-poll-interval=10ms",
                "--gateway.qwen-oauth.login.max-poll-interval=40ms");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void countSaves() throws Exception {
        SimulatedQwen.freshLogin();
        Files.deleteIfExists(credentialsFile());
        saves.start();
        completionLog.addAppender(saves);
        completionLog.setLevel(Level.INFO);
    }

    @AfterEach
    void stopCounting() {
        completionLog.detachAppender(saves);
    }

    private static QwenSimulator sim() {
        return SimulatedQwen.simulator();
    }

    private static Path credentialsFile() {
        return SimulatedQwen.home().resolve("oauth_creds_" + ACCOUNT + ".json");
    }

    @Test
    void aLoginInitiatedOnOneReplicaIsPolledToSuccessOnTheOtherAndSavedOnce() throws Exception {
        JsonNode login = initiate(cluster.first());
        assertThat(status(poll(cluster.second(), login))).isEqualTo("pending");
        GatewayClient other = cluster.second().client();
        assertThat(other.send(other.request(login.get("qr_code_url").asString()).header("Accept", "image/png").build())
                .statusCode()).as("its QR code too").isEqualTo(200);

        sim().oauth().approve(login.get("user_code").asString());
        CompletableFuture<HttpResponse<String>> onFirst = CompletableFuture
                .supplyAsync(() -> pollUntilDecided(cluster.first(), login));
        CompletableFuture<HttpResponse<String>> onSecond = CompletableFuture
                .supplyAsync(() -> pollUntilDecided(cluster.second(), login));

        JsonNode fromFirst = GatewayClient.parse(onFirst.get().body());
        JsonNode fromSecond = GatewayClient.parse(onSecond.get().body());
        assertThat(fromFirst.path("status").asString()).as(onFirst.get().body()).isEqualTo("success");
        assertThat(fromSecond.path("status").asString()).as(onSecond.get().body()).isEqualTo("success");
        OAuthCredentials saved = new CredentialFileStore(credentialsFile(), JsonMapper.builder().build()).read()
                .orElseThrow();
        assertThat(fromFirst.get("expiry_date").asLong()).isEqualTo(saved.expiryDate())
                .isEqualTo(fromSecond.get("expiry_date").asLong());
        assertThat(saves.list).as("one replica saved the credentials, once")
                .filteredOn(event -> event.getFormattedMessage().startsWith("Saved the Qwen credentials")).hasSize(1);

        List<String> verifiers = sim().recordedRequests(TOKEN_PATH).stream()
                .map(request -> request.body().replaceAll(".*code_verifier=", "")).distinct().toList();
        assertThat(verifiers).singleElement().asString().hasSize(43);
        assertThat(answered).isNotEmpty().allSatisfy(body -> assertThat(body).doesNotContain(verifiers.get(0))
                .doesNotContain(saved.accessToken()).doesNotContain(saved.refreshToken()));
    }

    @Test
    void slowDownAnswersOnEitherReplicaKeepTheLoginPendingUntilItSucceeds() throws Exception {
        JsonNode login = initiate(cluster.second());
        sim().oauth().slowDownNextPolls(3);
        for (int turn = 0; sim().recordedRequests(TOKEN_PATH).size() < 3; turn++) {
            assertThat(status(poll(turn % 2 == 0 ? cluster.first() : cluster.second(), login))).isEqualTo("pending");
            Thread.sleep(10);
        }
        sim().oauth().approve(login.get("user_code").asString());

        assertThat(status(pollUntilDecided(cluster.first(), login))).isEqualTo("success");
        assertThat(status(poll(cluster.second(), login))).isEqualTo("success");
    }

    @Test
    void withRedisDownALoginStaysOnTheReplicaThatStartedIt() throws Exception {
        cluster.redis().stop();
        try {
            JsonNode login = initiate(cluster.first());
            assertThat(status(poll(cluster.first(), login))).isEqualTo("pending");
            HttpResponse<String> elsewhere = poll(cluster.second(), login);
            assertThat(elsewhere.statusCode()).isEqualTo(400);
            assertThat(elsewhere.body()).contains("invalid_device_code");

            sim().oauth().approve(login.get("user_code").asString());
            assertThat(status(pollUntilDecided(cluster.first(), login))).isEqualTo("success");
            assertThat(credentialsFile()).exists();
        } finally {
            cluster.redis().restart();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> cluster.first().bean(SharedState.class).reachable()
                        && cluster.second().bean(SharedState.class).reachable());
        JsonNode after = initiate(cluster.first());
        assertThat(status(poll(cluster.second(), after))).as("shared again").isEqualTo("pending");
    }

    private JsonNode initiate(Replica replica) {
        HttpResponse<String> response = replica.client().postJson("/auth/initiate",
                "{\"account\":\"" + ACCOUNT + "\"}");
        answered.add(response.body());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.parse(response.body());
    }

    private HttpResponse<String> poll(Replica replica, JsonNode login) {
        HttpResponse<String> response = replica.client().postJson("/auth/poll",
                "{\"device_code\":\"" + login.get("device_code").asString() + "\"}");
        answered.add(response.body());
        return response;
    }

    /** Polls as a client would, above the gateway's (tiny) interval, until the login is decided. */
    private HttpResponse<String> pollUntilDecided(Replica replica, JsonNode login) {
        for (int attempt = 0; attempt < 300; attempt++) {
            HttpResponse<String> response = poll(replica, login);
            if (response.statusCode() != 200 || !response.body().contains("\"pending\"")) {
                return response;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("the login stayed pending");
    }

    private static String status(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.parse(response.body()).path("status").asString();
    }
}
