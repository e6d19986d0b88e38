package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.support.GatewayClient;
import tools.jackson.databind.JsonNode;

/** Three API-key upstreams, round-robin: rotation, affinity, pinning, failover, cooldowns and their answers. */
class RoundRobinPoolIT extends PoolIntegrationTest {

    private static final QwenSimulator A = simulator("sk-a");
    private static final QwenSimulator B = simulator("sk-b");
    private static final QwenSimulator C = simulator("sk-c");
    private static final List<QwenSimulator> ALL = List.of(A, B, C);

    @DynamicPropertySource
    static void threeUpstreams(DynamicPropertyRegistry registry) {
        common(registry);
        keyUpstream(registry, 0, "a", A, "sk-a", Map.of());
        keyUpstream(registry, 1, "b", B, "sk-b", Map.of());
        keyUpstream(registry, 2, "c", C, "sk-c", Map.of());
    }

    /** How many chat requests {@code simulator} got since the test began. */
    private static int served(QwenSimulator simulator) {
        return simulator.chatRequestCount();
    }

    private static String lastServer() {
        QwenSimulator latest = null;
        Instant time = Instant.MIN;
        for (QwenSimulator simulator : ALL) {
            var requests = simulator.recordedRequests("/v1/chat/completions");
            if (!requests.isEmpty() && requests.get(requests.size() - 1).receivedAt().isAfter(time)) {
                time = requests.get(requests.size() - 1).receivedAt();
                latest = simulator;
            }
        }
        return latest == A ? "a" : latest == B ? "b" : latest == C ? "c" : null;
    }

    @Test
    void requestsRotateOverTheUpstreams() {
        for (int i = 0; i < 6; i++) {
            assertOk(chat(CHAT));
        }

        assertThat(List.of(served(A), served(B), served(C))).containsExactly(2, 2, 2);
    }

    @Test
    void healthCountsTheRequestsOfEachUpstream() {
        long before = health("a").path("requests").asLong() + health("b").path("requests").asLong()
                + health("c").path("requests").asLong();
        for (int i = 0; i < 3; i++) {
            assertOk(chat(CHAT));
        }

        long after = health("a").path("requests").asLong() + health("b").path("requests").asLong()
                + health("c").path("requests").asLong();
        assertThat(after - before).isEqualTo(3);
    }

    @Test
    void aSessionStaysOnItsUpstreamWhileItIsHealthy() {
        String session = chatWith("prompt_cache_key", "session-rr-1");
        assertOk(chat(session));
        String first = lastServer();

        for (int i = 0; i < 4; i++) {
            assertOk(chat(session));
            assertThat(lastServer()).isEqualTo(first);
        }
    }

    @Test
    void theSessionHeaderAndTheUserFieldAreAffinityKeysToo() {
        assertOk(chat(CHAT, "X-Session-Id", "session-header-1"));
        String byHeader = lastServer();
        assertOk(chat(CHAT));
        assertOk(chat(CHAT, "X-Session-Id", "session-header-1"));
        assertThat(lastServer()).isEqualTo(byHeader);

        String user = chatWith("user", "user-7");
        assertOk(chat(user));
        String byUser = lastServer();
        assertOk(chat(CHAT));
        assertOk(chat(user));
        assertThat(lastServer()).isEqualTo(byUser);
    }

    @Test
    void aSessionMovesWhenItsUpstreamIsSetAsideAndStaysOnTheNewOne() {
        String session = chatWith("prompt_cache_key", "session-rr-2");
        assertOk(chat(session));
        String first = lastServer();
        admin("POST", "/admin/upstreams/" + first + "/disable");

        assertOk(chat(session));
        String second = lastServer();
        assertThat(second).isNotEqualTo(first);
        admin("POST", "/admin/upstreams/" + first + "/enable");
        assertOk(chat(session));
        assertThat(lastServer()).as("the session stays where it went").isEqualTo(second);
    }

    @Test
    void aPinnedRequestGoesToItsUpstreamOnly() {
        for (int i = 0; i < 3; i++) {
            assertOk(chat(CHAT, "X-Qwen-Upstream", "b"));
        }

        assertThat(List.of(served(A), served(B), served(C))).containsExactly(0, 3, 0);
    }

    @Test
    void aPinToAnUnknownUpstreamIsA400NamingTheUpstreams() {
        HttpResponse<String> response = chat(CHAT, "X-Qwen-Upstream", "nowhere");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = GatewayClient.parse(response.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("unknown_upstream");
        assertThat(error.path("message").asString()).contains("nowhere", "a, b, c");
    }

    @Test
    void aPinnedUpstreamThatFailsIsNotReplaced() {
        B.enqueueChat(ChatBehaviour.quotaExceeded429());

        HttpResponse<String> response = chat(CHAT, "X-Qwen-Upstream", "b");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(served(A) + served(C)).isZero();
    }

    @Test
    void aSpentQuotaFailsOverAndSetsTheUpstreamAsideUntilTheDailyReset() {
        startOn(A, "quota-session");
        A.enqueueChat(ChatBehaviour.quotaExceeded429());

        assertOk(chat(CHAT, "X-Session-Id", "quota-session"));

        assertThat(served(A)).isEqualTo(1);
        assertThat(served(B) + served(C)).isEqualTo(1);
        JsonNode a = health("a");
        assertThat(a.path("state").asString()).isEqualTo("cooling");
        assertThat(a.path("reason").asString()).isEqualTo("quota");
        Instant until = Instant.parse(a.path("until").asString());
        assertThat(until).isAfter(clock.instant()).isBeforeOrEqualTo(clock.instant().plus(Duration.ofDays(1)));
        assertThat(until.getEpochSecond() % 86_400).as("00:00 UTC").isZero();
        for (int i = 0; i < 4; i++) {
            assertOk(chat(CHAT));
        }
        assertThat(served(A)).as("a serves nothing until the reset").isEqualTo(1);

        clock.advance(Duration.between(clock.instant(), until).plusSeconds(1));
        for (int i = 0; i < 3; i++) {
            assertOk(chat(CHAT));
        }
        assertThat(served(A)).as("back after the reset").isGreaterThan(1);
        assertThat(health("a").path("state").asString()).isEqualTo("ok");
    }

    @Test
    void aThrottleFailsOverAndItsRetryAfterIsHonoured() {
        startOn(A, "throttle-session");
        A.enqueueChat(ChatBehaviour.throttled429(5));

        assertOk(chat(CHAT, "X-Session-Id", "throttle-session"));
        assertThat(served(B) + served(C)).isEqualTo(1);
        assertThat(health("a").path("reason").asString()).isEqualTo("throttled");
        assertThat(Instant.parse(health("a").path("until").asString())).isEqualTo(clock.instant().plusSeconds(5));

        clock.advance(Duration.ofSeconds(4));
        for (int i = 0; i < 3; i++) {
            assertOk(chat(CHAT));
        }
        assertThat(served(A)).as("still cooling after 4 of 5 seconds").isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        for (int i = 0; i < 3; i++) {
            assertOk(chat(CHAT));
        }
        assertThat(served(A)).as("back after Retry-After").isGreaterThan(1);
    }

    @Test
    void serverErrorsAreRetriedThenFailOverAndAnUpstreamFailingOftenIsSetAside() {
        startOn(A, "failing-session");
        A.enqueueChat(ChatBehaviour.serviceUnavailable503(), ChatBehaviour.serviceUnavailable503(),
                ChatBehaviour.serviceUnavailable503());

        assertOk(chat(CHAT, "X-Session-Id", "failing-session"));

        assertThat(served(A)).as("retried within max-sends").isEqualTo(3);
        assertThat(served(B) + served(C)).as("then failed over").isEqualTo(1);
        assertThat(health("a").path("state").asString()).as("one failure is no reason to cool").isEqualTo("ok");
        assertThat(health("a").path("last_error").asString()).isEqualTo("upstream_unavailable");

        for (int failure = 2; failure <= 3; failure++) {
            A.enqueueChat(ChatBehaviour.serviceUnavailable503(), ChatBehaviour.serviceUnavailable503(),
                    ChatBehaviour.serviceUnavailable503());
            assertThat(chat(CHAT, "X-Qwen-Upstream", "a").statusCode()).isEqualTo(503);
        }
        assertThat(health("a").path("reason").asString()).as("the third in a row").isEqualTo("failing");
        assertThat(Instant.parse(health("a").path("until").asString())).isEqualTo(clock.instant().plusSeconds(60));
    }

    @Test
    void aRefusedKeyFailsOverAndIsDisabled() {
        startOn(A, "dead-key-session");
        A.enqueueChat(ChatBehaviour.staleToken401());

        assertOk(chat(CHAT, "X-Session-Id", "dead-key-session"));

        assertThat(served(A)).as("a key is not renewed: one send").isEqualTo(1);
        JsonNode a = health("a");
        assertThat(a.path("state").asString()).isEqualTo("disabled");
        assertThat(a.path("reason").asString()).isEqualTo("dead");
        assertThat(a.path("message").asString()).contains("gateway.upstreams[0].api-key");
        assertThat(a.toString()).doesNotContain("sk-a");
    }

    @Test
    void aClientMistakeIsAnsweredAndNeverRotates() {
        startOn(A, "mistake-session");
        A.enqueueChat(ChatBehaviour.contextTooLong400());

        HttpResponse<String> response = chat(CHAT, "X-Session-Id", "mistake-session");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.parse(response.body()).path("error").path("code").asString())
                .isEqualTo("context_length_exceeded");
        assertThat(served(B) + served(C)).isZero();
        assertThat(health("a").path("state").asString()).isEqualTo("ok");
    }

    @Test
    void failoversStopAtMaxFailoversAndTheClientGetsTheLastError() {
        for (QwenSimulator simulator : ALL) {
            simulator.enqueueChat(ChatBehaviour.quotaExceeded429());
        }

        HttpResponse<String> response = chat(CHAT);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(GatewayClient.parse(response.body()).path("error").path("code").asString())
                .isEqualTo("insufficient_quota");
        assertThat(List.of(served(A), served(B), served(C))).containsExactly(1, 1, 1);
    }

    @Test
    void whenEveryUpstreamIsSetAsideTheAnswerIs429WithTheEarliestReturn() {
        for (QwenSimulator simulator : ALL) {
            simulator.enqueueChat(ChatBehaviour.throttled429(30));
        }
        chat(CHAT);
        int sent = served(A) + served(B) + served(C);

        HttpResponse<String> response = chat(CHAT);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        JsonNode error = GatewayClient.parse(response.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("upstreams_cooling_down");
        assertThat(error.path("message").asString()).contains("a is set aside until", "(throttled", "b is", "c is");
        assertThat(served(A) + served(B) + served(C)).as("nothing sent").isEqualTo(sent);
    }

    @Test
    void anAnthropicClientGetsTheAllCoolingAnswerInItsOwnEnvelope() {
        for (QwenSimulator simulator : ALL) {
            simulator.enqueueChat(ChatBehaviour.throttled429(12));
        }
        chat(CHAT);

        HttpResponse<String> response = gateway.send(gateway.request("/v1/messages")
                .header("Content-Type", "application/json").header("x-api-key", "any-key")
                .header("anthropic-version", "2023-06-01")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"model":"claude-sonnet-4-5","max_tokens":50,"messages":[{"role":"user","content":"hi"}]}"""))
                .build());

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("retry-after")).hasValue("12");
        JsonNode body = GatewayClient.parse(response.body());
        assertThat(body.path("type").asString()).isEqualTo("error");
        assertThat(body.path("error").path("type").asString()).isEqualTo("rate_limit_error");
    }

    @Test
    void whenEveryUpstreamIsDisabledTheAnswerIs503() {
        for (String name : List.of("a", "b", "c")) {
            assertOk(admin("POST", "/admin/upstreams/" + name + "/disable"));
        }

        HttpResponse<String> response = chat(CHAT);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(GatewayClient.parse(response.body()).path("error").path("message").asString())
                .contains("a is disabled", "b is disabled", "c is disabled");
        assertThat(served(A) + served(B) + served(C)).isZero();
    }

    @Test
    void afterTheFirstByteAFailureEndsTheStreamAndNothingFailsOver() {
        startOn(A, "cut-session");
        A.enqueueChat(ChatBehaviour.streamCut(2));

        HttpResponse<String> response = chat(STREAM, "X-Session-Id", "cut-session");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"error\"").doesNotContain("[DONE]");
        assertThat(served(B) + served(C)).isZero();
    }

    @Test
    void beforeTheFirstByteAStreamFailsOverToo() {
        startOn(A, "stream-quota-session");
        A.enqueueChat(ChatBehaviour.quotaExceeded429());

        HttpResponse<String> response = chat(STREAM, "X-Session-Id", "stream-quota-session");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("data: [DONE]");
        assertThat(served(B) + served(C)).isEqualTo(1);
    }

    @Test
    void healthShowsEachUpstreamWithoutASecret() {
        JsonNode health = GatewayClient.parse(gateway.get("/health").body());

        assertThat(health.path("status").asString()).isEqualTo("ok");
        assertThat(health.path("upstreams")).hasSize(3);
        JsonNode a = health.path("upstreams").path(0);
        assertThat(a.path("name").asString()).isEqualTo("a");
        assertThat(a.path("kind").asString()).isEqualTo("api-key");
        assertThat(a.path("host").asString()).isEqualTo(A.baseUrl().substring("http://".length()));
        assertThat(a.path("state").asString()).isEqualTo("ok");
        assertThat(health.toString()).doesNotContain("sk-a", "sk-b", "sk-c");
    }

    @Test
    void theAdminRoutesListDisableEnableAndReset() {
        HttpResponse<String> list = admin("GET", "/admin/upstreams");
        assertOk(list);
        JsonNode upstreams = GatewayClient.parse(list.body());
        assertThat(upstreams.path("strategy").asString()).isEqualTo("round-robin");
        assertThat(upstreams.path("data").valueStream().map(u -> u.path("name").asString()))
                .containsExactly("a", "b", "c");

        JsonNode disabled = GatewayClient.parse(admin("POST", "/admin/upstreams/c/disable").body());
        assertThat(disabled.path("state").asString()).isEqualTo("disabled");
        for (int i = 0; i < 4; i++) {
            assertOk(chat(CHAT));
        }
        assertThat(served(C)).isZero();

        assertThat(GatewayClient.parse(admin("POST", "/admin/upstreams/c/enable").body()).path("state").asString())
                .isEqualTo("ok");
        C.enqueueChat(ChatBehaviour.throttled429(600));
        assertThat(chat(CHAT, "X-Qwen-Upstream", "c").statusCode()).isEqualTo(429);
        assertThat(health("c").path("state").asString()).isEqualTo("cooling");
        assertThat(GatewayClient.parse(admin("POST", "/admin/upstreams/c/reset").body()).path("state").asString())
                .isEqualTo("ok");
        assertOk(chat(CHAT, "X-Qwen-Upstream", "c"));
        assertThat(admin("POST", "/admin/upstreams/nowhere/reset").statusCode()).isEqualTo(404);
    }

    @Test
    void theAdminRoutesNeedTheAdminKey() {
        HttpResponse<String> response = gateway.get("/admin/upstreams");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void embeddingsOverTheInputLimitAreSplitAndJoinedInOrder() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            texts.add("text number " + i);
        }
        String inputs = texts.stream().map(t -> "\"" + t + "\"").reduce((x, y) -> x + "," + y).orElseThrow();

        HttpResponse<String> response = gateway.postJson("/v1/embeddings",
                "{\"model\":\"text-embedding-v4\",\"dimensions\":4,\"encoding_format\":\"float\",\"input\":[" + inputs
                        + "]}");

        assertOk(response);
        JsonNode answer = GatewayClient.parse(response.body());
        assertThat(answer.path("data")).hasSize(23);
        List<Integer> sizes = new ArrayList<>();
        for (QwenSimulator simulator : ALL) {
            simulator.recordedRequests("/v1/embeddings")
                    .forEach(request -> sizes.add(request.jsonBody().path("input").size()));
        }
        assertThat(sizes).containsExactlyInAnyOrder(10, 10, 3);
        for (int i = 0; i < 23; i++) {
            assertThat(answer.path("data").path(i).path("index").asInt()).isEqualTo(i);
            JsonNode alone = GatewayClient.parse(gateway.postJson("/v1/embeddings",
                    "{\"model\":\"text-embedding-v4\",\"dimensions\":4,\"input\":\"" + texts.get(i) + "\","
                            + "\"encoding_format\":\"float\"}").body());
            assertThat(answer.path("data").path(i).path("embedding"))
                    .isEqualTo(alone.path("data").path(0).path("embedding"));
        }
        assertThat(answer.path("usage").path("prompt_tokens").asInt()).isPositive();
    }

    /**
     * Makes {@code session}'s requests start on {@code simulator}: its first request is made while the others are
     * disabled, then they are enabled again and the simulators' records cleared.
     */
    private void startOn(QwenSimulator simulator, String session) {
        String name = simulator == A ? "a" : simulator == B ? "b" : "c";
        List<String> others = new ArrayList<>(List.of("a", "b", "c"));
        others.remove(name);
        others.forEach(other -> assertOk(admin("POST", "/admin/upstreams/" + other + "/disable")));
        assertOk(chat(CHAT, "X-Session-Id", session));
        others.forEach(other -> assertOk(admin("POST", "/admin/upstreams/" + other + "/enable")));
        ALL.forEach(QwenSimulator::reset);
    }
}
