package io.qwengateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.simulator.QwenSimulator;
import tools.jackson.databind.JsonNode;

/**
 * The login over HTTP against the real running gateway, whose OAuth server and model API are the simulator: it starts
 * with no credentials, logs in through {@code /auth/*}, and serves chat with the new login at once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthEndpointsIT {

    private static final String TOKEN_PATH = "/api/v1/oauth2/token";
    private static final QwenSimulator sim = QwenSimulator.start();
    private static final Path home = emptyHome();

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();
    /** Every body the gateway answered in a test, to prove that no secret ever leaves it. */
    private final List<String> answered = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void gatewayAgainstTheSimulator(DynamicPropertyRegistry registry) {
        registry.add("gateway.credentials.source", () -> "qwen-oauth");
        registry.add("gateway.qwen-oauth.home", home::toString);
        registry.add("gateway.qwen-oauth.oauth-base-url", sim::baseUrl);
        // Never re-read the file in a test: a login the gateway serves at once was handed over, not rediscovered.
        registry.add("gateway.qwen-oauth.file-check-interval", () -> "1h");
        registry.add("gateway.qwen-oauth.login.initial-poll-interval", () -> "10ms");
        registry.add("gateway.qwen-oauth.login.max-poll-interval", () -> "40ms");
        registry.add("gateway.upstream.retry.initial-backoff", () -> "10ms");
        // Every login here comes from one address; twenty at once must not meet the per-caller limit.
        registry.add("gateway.qwen-oauth.login.max-pending-per-caller", () -> "100");
        registry.add("gateway.directories.data", () -> home.resolve("data").toString());
    }

    @BeforeEach
    void resetSimulator() {
        sim.reset();
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void aLoginOverHttpIsServedAtOnceWithoutRestartAndNoSecretIsEverAnswered() throws Exception {
        assertThat(chat().statusCode()).isEqualTo(401);

        JsonNode login = initiate("{}");
        HttpResponse<byte[]> qr = getPng(login.get("qr_code_url").asString());
        assertThat(qr.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(QrDecoder.decodePng(qr.body())).isEqualTo(login.get("verification_uri_complete").asString());
        assertThat(poll(login).body()).contains("\"status\":\"pending\"");
        sim.oauth().approve(login.get("user_code").asString());
        HttpResponse<String> success = pollUntilDecided(login);

        assertThat(success.statusCode()).isEqualTo(200);
        JsonNode answer = AuthTestSupport.JSON.readTree(success.body());
        assertThat(answer.get("status").asString()).isEqualTo("success");
        Path file = home.resolve("oauth_creds.json");
        OAuthCredentials saved = new CredentialFileStore(file, AuthTestSupport.JSON).read().orElseThrow();
        assertThat(answer.get("expiry_date").asLong()).isEqualTo(saved.expiryDate());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(AuthTestSupport.hasLeftovers(home)).isFalse();

        HttpResponse<String> chat = chat();
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(200);
        assertThat(sim.recordedRequests("/v1/chat/completions").get(0).header("Authorization"))
                .hasValue("Bearer " + saved.accessToken());

        String verifier = sim.recordedRequests(TOKEN_PATH).get(0).body().replaceAll(".*code_verifier=", "");
        assertThat(verifier).hasSize(43);
        assertThat(answered).isNotEmpty().allSatisfy(body -> assertThat(body)
                .doesNotContain(saved.accessToken()).doesNotContain(saved.refreshToken()).doesNotContain(verifier));
    }

    @Test
    void initiateAnswersTheDocumentedFieldsAndNothingElse() throws Exception {
        JsonNode login = initiate("{}");

        assertThat(login.propertyNames()).containsExactlyInAnyOrder("device_code", "user_code", "verification_uri",
                "verification_uri_complete", "expires_in", "interval", "qr_code_url");
        assertThat(login.get("qr_code_url").asString())
                .isEqualTo("/auth/qr/" + login.get("device_code").asString() + ".png");
        assertThat(login.get("expires_in").asInt()).isEqualTo(900);
        assertThat(login.get("interval").asInt()).isOne();
    }

    @Test
    void pollAnswersPendingWithTheIntervalWhileTheUserHasNotDecided() throws Exception {
        JsonNode login = initiate("{}");
        Thread.sleep(20);

        HttpResponse<String> pending = poll(login);

        assertThat(pending.statusCode()).isEqualTo(200);
        JsonNode answer = AuthTestSupport.JSON.readTree(pending.body());
        assertThat(answer.get("status").asString()).isEqualTo("pending");
        assertThat(answer.get("interval").asInt()).isOne();
        assertThat(answer.path("expiry_date").isMissingNode() || answer.get("expiry_date").isNull()).isTrue();
    }

    @Test
    void slowDownAnswersKeepTheLoginPendingUntilItSucceeds() throws Exception {
        JsonNode login = initiate("{}");
        sim.oauth().slowDownNextPolls(3);
        while (sim.recordedRequests(TOKEN_PATH).size() < 3) {
            assertThat(poll(login).body()).contains("\"status\":\"pending\"");
            Thread.sleep(10);
        }
        sim.oauth().approve(login.get("user_code").asString());

        assertThat(pollUntilDecided(login).body()).contains("\"status\":\"success\"");
    }

    @Test
    void aDeniedLoginIsA400AccessDeniedEveryTime() throws Exception {
        JsonNode login = initiate("{}");
        sim.oauth().deny(login.get("user_code").asString());

        assertOpenAiError(pollUntilDecided(login), 400, "access_denied");
        assertOpenAiError(poll(login), 400, "access_denied");
    }

    @Test
    void anExpiredDeviceCodeIsA400ExpiredToken() throws Exception {
        JsonNode login = initiate("{}");
        sim.oauth().expire(login.get("device_code").asString());

        assertOpenAiError(pollUntilDecided(login), 400, "expired_token");
    }

    @Test
    void unknownOrMissingDeviceCodesAre400AndTheirQrCodeIs404() throws Exception {
        assertOpenAiError(post("/auth/poll", "{\"device_code\":\"nobody-started-this\"}"), 400, "invalid_device_code");
        assertOpenAiError(post("/auth/poll", "{}"), 400, null);

        HttpResponse<String> qr = http.send(HttpRequest.newBuilder(url("/auth/qr/nobody-started-this.png"))
                .header("Accept", "image/png").build(), HttpResponse.BodyHandlers.ofString());
        assertOpenAiError(qr, 404, "invalid_device_code");
    }

    @Test
    void aNamedAccountIsSavedToItsOwnFileAndABadNameIsRefused() throws Exception {
        JsonNode login = initiate("{\"account\":\"work\"}");
        sim.oauth().approve(login.get("user_code").asString());

        assertThat(pollUntilDecided(login).body()).contains("\"status\":\"success\"");
        assertThat(home.resolve("oauth_creds_work.json")).exists();
        assertOpenAiError(post("/auth/initiate", "{\"account\":\"../../etc\"}"), 400, null);
    }

    @Test
    void twentyConcurrentInitiatesGetDistinctLoginsThatCanEachBePolled() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<JsonNode>> started = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                started.add(pool.submit(() -> initiate("{}")));
            }
            Set<String> deviceCodes = new HashSet<>();
            for (Future<JsonNode> login : started) {
                deviceCodes.add(login.get().get("device_code").asString());
                assertThat(poll(login.get()).statusCode()).isEqualTo(200);
            }
            assertThat(deviceCodes).hasSize(20);
        } finally {
            pool.shutdown();
        }
    }

    private JsonNode initiate(String body) throws Exception {
        HttpResponse<String> response = post("/auth/initiate", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AuthTestSupport.JSON.readTree(response.body());
    }

    private HttpResponse<String> poll(JsonNode login) throws Exception {
        return post("/auth/poll", "{\"device_code\":\"" + login.get("device_code").asString() + "\"}");
    }

    /** Polls as a client would, at a pace above the gateway's (tiny) interval, until the login is decided. */
    private HttpResponse<String> pollUntilDecided(JsonNode login) throws Exception {
        for (int attempt = 0; attempt < 200; attempt++) {
            HttpResponse<String> response = poll(login);
            if (response.statusCode() != 200 || !response.body().contains("\"pending\"")) {
                return response;
            }
            Thread.sleep(15);
        }
        throw new AssertionError("the login stayed pending");
    }

    private HttpResponse<String> chat() throws Exception {
        return post("/v1/chat/completions",
                "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
    }

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        answered.add(response.body());
        return response;
    }

    private HttpResponse<byte[]> getPng(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(path)).header("Accept", "image/png").build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static void assertOpenAiError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = AuthTestSupport.JSON.readTree(response.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("message").asString()).isNotBlank();
        if (code != null) {
            assertThat(error.get("code").asString()).isEqualTo(code);
        }
    }

    private static Path emptyHome() {
        try {
            Path directory = Files.createTempDirectory("qwen-gateway-auth-it-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
