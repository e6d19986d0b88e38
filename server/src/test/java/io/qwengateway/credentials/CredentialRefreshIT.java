package io.qwengateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.qwengateway.simulator.RefreshOutcome;
import io.qwengateway.simulator.SimulatedCredentials;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import io.qwengateway.support.SimulatedQwen;
import tools.jackson.databind.JsonNode;

/** Refreshing the shared credentials safely: once, beside another process, and never at the cost of the file. */
class CredentialRefreshIT extends GatewayIntegrationTest {

    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"hi"}]}""";

    @Test
    void fiftyConcurrentRequestsOnAnExpiredTokenCauseExactlyOneRefresh() throws Exception {
        SimulatedQwen.login(Duration.ZERO);
        sim.oauth().setRefreshDelay(Duration.ofMillis(300));
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                responses.add(CompletableFuture.supplyAsync(() -> gateway.postJson("/v1/chat/completions", CHAT),
                        clients));
            }
            for (CompletableFuture<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(sim.oauth().refreshCount()).isEqualTo(1);
        assertThat(sim.chatRequestCount()).isEqualTo(50);
    }

    @Test
    void refreshWaitsForAnotherProcessHoldingTheLockAndUsesTheTokenItWrote() throws Exception {
        SimulatedQwen.login(Duration.ZERO);
        SimulatedCredentials refreshedByTheCli = sim.oauth().issueCredentials();
        Path lock = SimulatedQwen.home().resolve("oauth_creds.lock");
        Files.writeString(lock, "cli-process-lock-id");
        CompletableFuture<Void> cli = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(400);
                refreshedByTheCli.writeOauthCredsFile(SimulatedQwen.home());
                Files.delete(lock);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);
        cli.get();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sim.oauth().refreshCount()).as("the CLI refreshed; the gateway must not").isZero();
        assertThat(sim.recordedRequests("/v1/chat/completions").get(0).header("authorization"))
                .hasValue("Bearer " + refreshedByTheCli.accessToken());
    }

    @Test
    void staleLockLeftByADeadProcessIsTakenOver() throws Exception {
        SimulatedQwen.login(Duration.ZERO);
        Path lock = SimulatedQwen.home().resolve("oauth_creds.lock");
        Files.writeString(lock, "dead-process");
        Files.setLastModifiedTime(lock, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sim.oauth().refreshCount()).isEqualTo(1);
        assertThat(lock).doesNotExist();
    }

    @Test
    void refreshedCredentialsAreWrittenAtomicallyInTheCliFormatKeepingWhatTheResponseOmitted() throws Exception {
        SimulatedCredentials before = SimulatedQwen.login(Duration.ZERO);
        sim.oauth().enqueueRefreshOutcome(RefreshOutcome.OMIT_RESOURCE_URL);

        assertThat(gateway.postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);

        Path file = SimulatedQwen.credentialsFile();
        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(written).startsWith("{\n  \"access_token\": \"");
        JsonNode json = GatewayClient.parse(written);
        assertThat(json.path("access_token").asString()).isNotEqualTo(before.accessToken());
        assertThat(json.path("refresh_token").asString()).isNotEqualTo(before.refreshToken());
        assertThat(json.path("resource_url").asString()).isEqualTo(before.resourceUrl());
        assertThat(json.path("expiry_date").asLong()).isGreaterThan(System.currentTimeMillis());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var leftovers = Files.list(SimulatedQwen.home())) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("oauth_creds.json");
        }
    }

    @Test
    void refreshResponseWithoutARefreshTokenKeepsTheOldOne() throws Exception {
        SimulatedCredentials before = SimulatedQwen.login(Duration.ZERO);
        sim.oauth().enqueueRefreshOutcome(RefreshOutcome.OMIT_REFRESH_TOKEN);

        assertThat(gateway.postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);

        JsonNode json = GatewayClient.parse(Files.readString(SimulatedQwen.credentialsFile()));
        assertThat(json.path("refresh_token").asString()).isEqualTo(before.refreshToken());
    }

    @Test
    void deadRefreshTokenLeavesTheFileUntouchedAndSaysHowToLogIn() throws Exception {
        SimulatedQwen.login(Duration.ZERO);
        byte[] before = Files.readAllBytes(SimulatedQwen.credentialsFile());
        sim.oauth().enqueueRefreshOutcome(RefreshOutcome.DEAD_REFRESH_TOKEN);

        HttpResponse<String> first = gateway.postJson("/v1/chat/completions", CHAT);
        HttpResponse<String> second = gateway.postJson("/v1/chat/completions", CHAT);

        assertThat(first.statusCode()).isEqualTo(401);
        assertThat(first.body()).contains("refresh token").contains("/auth/initiate");
        assertThat(second.statusCode()).isEqualTo(401);
        assertThat(sim.oauth().refreshCount()).as("no refresh loop").isEqualTo(1);
        assertThat(Files.readAllBytes(SimulatedQwen.credentialsFile())).isEqualTo(before);
        JsonNode health = GatewayClient.parse(gateway.get("/health").body());
        assertThat(health.path("status").asString()).isEqualTo("degraded");
        assertThat(health.path("credential").path("state").asString()).isEqualTo("login_required");
    }

    @Test
    void newLoginWrittenByTheCliIsPickedUpWithoutARestart() {
        SimulatedQwen.login(Duration.ZERO);
        sim.oauth().enqueueRefreshOutcome(RefreshOutcome.DEAD_REFRESH_TOKEN);
        assertThat(gateway.postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(401);

        SimulatedCredentials relogin = SimulatedQwen.freshLogin();

        assertThat(gateway.postJson("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
        assertThat(sim.recordedRequests("/v1/chat/completions").get(0).header("authorization"))
                .hasValue("Bearer " + relogin.accessToken());
    }

    @Test
    void passingRefreshFailureKeepsServingWithTheStillValidToken() {
        SimulatedCredentials current = SimulatedQwen.login(Duration.ofSeconds(20));
        sim.oauth().enqueueRefreshOutcome(RefreshOutcome.ERROR_IN_2XX);

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sim.recordedRequests("/v1/chat/completions").get(0).header("authorization"))
                .hasValue("Bearer " + current.accessToken());
        JsonNode health = GatewayClient.parse(gateway.get("/health").body());
        assertThat(health.path("credential").path("state").asString()).isEqualTo("refresh_failed");
    }

    @Test
    void healthReportsStateAndExpiryButNeverAToken() {
        HttpResponse<String> response = gateway.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = GatewayClient.parse(response.body());
        assertThat(health.path("status").asString()).isEqualTo("ok");
        assertThat(health.path("credential").path("state").asString()).isEqualTo("valid");
        assertThat(health.path("credential").path("expiry_date").asLong()).isEqualTo(credentials.expiryDateMillis());
        assertThat(health.path("upstream_base_url").asString()).isEqualTo(sim.baseUrl() + "/v1");
        assertThat(response.body()).doesNotContain(credentials.accessToken()).doesNotContain(credentials.refreshToken());
    }
}
