package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qwengateway.support.GatewayIntegrationTest;
import io.qwengateway.support.RawHttp;
import io.qwengateway.support.RawHttp.Answer;

/**
 * With client keys configured, over raw sockets so that every spelling of a path reaches the gateway as written:
 * every route but the few open ones needs a key, however the path is spelled, and logins over HTTP are limited per
 * key.
 */
class ClientKeysIT extends GatewayIntegrationTest {

    private static final String KEY_A = "sk-client-a";
    private static final String KEY_B = "sk-client-b";
    /** Pending logins outlive a test: the login test has a key of its own, apart from the limit test's. */
    private static final String KEY_C = "sk-client-c";
    private static final String CHAT = "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"coder-model\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String EMBEDDINGS = "{\"model\":\"text-embedding-v4\",\"input\":\"a\"}";

    @LocalServerPort
    private int port;

    private RawHttp raw;

    @DynamicPropertySource
    static void clientKeys(DynamicPropertyRegistry registry) {
        registry.add("gateway.web.client-api-keys", () -> KEY_A + "," + KEY_B + "," + KEY_C);
        registry.add("gateway.qwen-oauth.login.max-pending-per-caller", () -> "2");
    }

    @BeforeEach
    void rawSocket() {
        raw = new RawHttp(port);
    }

    /** The spellings of /v1 that the attack run was served without a key, and their relatives. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1", "/v1;x", "/v1;jsessionid=1", "/%761", "/v%31", "/%76%31", "/V1", "/v1;", "//v1",
            "/v1/", "/x/../v1", "/health/../v1", "/./v1", "/v1/."})
    void noSpellingOfTheApiIsServedWithoutAKey(String v1) {
        assertRefusedWithoutKey(raw.send("POST", v1 + "/chat/completions", json(), CHAT));
        assertRefusedWithoutKey(raw.send("POST", v1 + "/chat/completions",
                json() + "Accept: text/event-stream\r\n", STREAM));
        assertRefusedWithoutKey(raw.send("POST", v1 + "/embeddings", json(), EMBEDDINGS));
        assertRefusedWithoutKey(raw.send("GET", v1 + "/models", "", null));
        assertRefusedWithoutKey(raw.send("GET", v1 + "/models/coder-model", "", null));
        assertRefusedWithoutKey(raw.send("POST", v1 + "/chat/completions", "Authorization: Bearer sk-wrong\r\n"
                + "Content-Type: application/json\r\n", CHAT));

        assertThat(sim.chatRequestCount()).as("nothing reached Qwen").isZero();
        assertThat(sim.recordedRequests("/v1/embeddings")).isEmpty();
    }

    /** The same spellings with a key: those the router resolves to a route are served, proving they are routes. */
    @ParameterizedTest
    @ValueSource(strings = {"/v1;x", "/v1;jsessionid=1", "/%761", "/v%31"})
    void theSpellingsTheRouterAcceptsAreServedWithAKey(String v1) {
        assertThat(raw.send("POST", v1 + "/chat/completions", json() + bearer(KEY_A), CHAT).status()).isEqualTo(200);
        assertThat(raw.send("GET", v1 + "/models", bearer(KEY_B), null).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1%2fmodels", "/v1/models%2fcoder-model", "/v1%5cmodels", "/auth/qr/a%2fb.png"})
    void anEncodedSlashIsABadRequestInOpenAisEnvelope(String path) {
        Answer answer = raw.send("GET", path, "", null);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.json().path("error").path("type").asString()).isEqualTo("invalid_request_error");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui/index.html",
            "/swagger-ui/swagger-initializer.js", "/springdoc/api-docs/swagger-config", "/swagger-ui.html"})
    void theLivenessProbeTheContractAndSwaggerUiNeedNoKey(String path) {
        assertThat(raw.send("GET", path, "", null).status()).isBetween(200, 399);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health;x", "/heal%74h", "/v1/../health", "//health", "/HEALTH", "/error"})
    void anOpenRouteSpelledAnotherWayNeedsAKey(String path) {
        assertRefusedWithoutKey(raw.send("GET", path, "", null));
    }

    @Test
    void theLoginEndpointsNeedAKey() {
        assertRefusedWithoutKey(raw.send("POST", "/auth/initiate", json(), "{}"));
        assertRefusedWithoutKey(raw.send("POST", "/auth/poll", json(), "{\"device_code\":\"x\"}"));
        assertRefusedWithoutKey(raw.send("GET", "/auth/qr/x.png", "", null));
        assertThat(sim.oauth().deviceCodeCount()).as("no login was started").isZero();

        Answer started = raw.send("POST", "/auth/initiate", json() + bearer(KEY_C), "{}");
        assertThat(started.status()).isEqualTo(200);
        String qr = started.json().path("qr_code_url").asString();
        assertRefusedWithoutKey(raw.send("GET", qr, "", null));
        assertThat(raw.send("GET", qr, bearer(KEY_C), null).status()).isEqualTo(200);
    }

    @Test
    void oneKeyAtItsLoginLimitDoesNotBlockTheOthers() {
        assertThat(raw.send("POST", "/auth/initiate", json() + bearer(KEY_A), "{}").status()).isEqualTo(200);
        assertThat(raw.send("POST", "/auth/initiate", json() + bearer(KEY_A), "{}").status()).isEqualTo(200);

        Answer refused = raw.send("POST", "/auth/initiate", json() + bearer(KEY_A), "{}");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("too_many_pending_logins");

        assertThat(raw.send("POST", "/auth/initiate", json() + bearer(KEY_B), "{}").status()).isEqualTo(200);
    }

    private static void assertRefusedWithoutKey(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.json().path("error").path("code").asString()).isEqualTo("invalid_api_key");
    }

    private static String json() {
        return "Content-Type: application/json\r\n";
    }

    private static String bearer(String key) {
        return "Authorization: Bearer " + key + "\r\n";
    }
}
