package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.qwengateway.simulator.OAuthForms.DEVICE_CODE_PATH;
import static io.qwengateway.simulator.OAuthForms.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code /__sim/} API drives the same state as the Java API. */
class AdminApiTest extends SimulatorTestBase {

    private JsonNode admin(String path, String body) {
        HttpResponse<String> response = http.post("/__sim/" + path, body);
        assertEquals(200, response.statusCode(), response.body());
        return TestHttp.json(response);
    }

    private String issuedAccessToken() {
        return admin("oauth/credentials", "").path("access_token").stringValue();
    }

    @Test
    void credentialsEndpointAnswersAnOauthCredsFileTheModelApiAccepts() {
        HttpResponse<String> response = http.post("/__sim/oauth/credentials", "{\"ttlSeconds\":120}");
        JsonNode credentials = TestHttp.json(response);

        assertTrue(response.body().startsWith("{\n  \"access_token\": "), response.body());
        assertEquals(simulator.baseUrl(), credentials.path("resource_url").stringValue());
        long expiresInMillis = credentials.path("expiry_date").asLong() - System.currentTimeMillis();
        assertTrue(expiresInMillis > 110_000 && expiresInMillis <= 120_000, "epoch millis, two minutes ahead");
        assertEquals(200, http.chat(credentials.path("access_token").stringValue(), ChatRequests.userSays("hi"))
                .statusCode());
    }

    @Test
    void enqueuedJsonBehavioursAreServedInOrder() {
        JsonNode enqueued = admin("chat/enqueue", "[{\"kind\":\"status\",\"status\":429,"
                + "\"body\":{\"error\":{\"message\":\"slow down\"}},\"headers\":{\"Retry-After\":\"2\"}},"
                + "{\"kind\":\"throttled429\",\"retryAfterSeconds\":5}]");
        admin("chat/enqueue", "{\"kind\":\"streamCut\",\"chunks\":1}");
        String token = issuedAccessToken();

        HttpResponse<String> first = http.chat(token, ChatRequests.userSays("hi"));
        HttpResponse<String> second = http.chat(token, ChatRequests.userSays("hi"));

        assertEquals(2, enqueued.path("enqueued").asInt());
        assertEquals(429, first.statusCode());
        assertEquals("{\"error\":{\"message\":\"slow down\"}}", first.body());
        assertEquals("2", first.headers().firstValue("retry-after").orElseThrow());
        assertEquals("5", second.headers().firstValue("retry-after").orElseThrow());
        assertEquals(1, simulator.pendingChatBehaviours());
    }

    @Test
    void callToolAndAnswerWithoutToolsCanBeEnqueuedAsJson() {
        admin("chat/enqueue", "[{\"kind\":\"callTool\",\"name\":\"exec_command\","
                + "\"arguments\":{\"cmd\":\"echo hi\"}},{\"kind\":\"answerWithoutTools\"}]");
        String token = issuedAccessToken();

        JsonNode call = TestHttp.json(http.chat(token, ChatRequests.withTools(false, ChatRequests.READ_FILE_TOOL)));
        JsonNode text = TestHttp.json(http.chat(token, ChatRequests.withTools(false, ChatRequests.READ_FILE_TOOL)));

        JsonNode function = call.path("choices").path(0).path("message").path("tool_calls").path(0).path("function");
        assertEquals("exec_command", function.path("name").stringValue());
        assertEquals("{\"cmd\":\"echo hi\"}", function.path("arguments").stringValue());
        assertEquals("stop", text.path("choices").path(0).path("finish_reason").stringValue());
    }

    @Test
    void unknownBehaviourKindIsA400ThatNamesIt() {
        HttpResponse<String> response = http.post("/__sim/chat/enqueue", "{\"kind\":\"explode\"}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("explode"));
    }

    @Test
    void requestsListsRecordedTrafficButNotAdminCalls() {
        http.chat("some-token", ChatRequests.userSays("recorded"));

        JsonNode all = TestHttp.json(http.get("/__sim/requests"));
        JsonNode filtered = TestHttp.json(http.get("/__sim/requests?path=/v1/embeddings"));

        assertEquals(1, all.size());
        assertEquals("POST", all.path(0).path("method").stringValue());
        assertEquals("/v1/chat/completions", all.path(0).path("path").stringValue());
        assertEquals("Bearer some-token", all.path(0).path("headers").path("authorization").stringValue());
        assertEquals(ChatRequests.userSays("recorded"), all.path(0).path("body").stringValue());
        assertEquals(0, filtered.size());
    }

    @Test
    void statsCountTheTraffic() {
        http.chat("x", ChatRequests.userSays("hi"));
        http.postForm(TOKEN_PATH, OAuthForms.refresh("unknown"));
        http.postForm(DEVICE_CODE_PATH, OAuthForms.deviceCodeRequest(OAuthForms.challengeOf(OAuthForms.newVerifier())));

        JsonNode stats = TestHttp.json(http.get("/__sim/stats"));

        assertEquals(1, stats.path("chatRequests").asInt());
        assertEquals(1, stats.path("refreshCount").asInt());
        assertEquals(1, stats.path("deviceCodeCount").asInt());
        assertEquals(0, stats.path("cancelledStreams").asInt());
        assertEquals(0, stats.path("activeStreams").asInt());
    }

    @Test
    void resetForgetsTokensRecordingsAndQueues() {
        String token = issuedAccessToken();
        admin("chat/enqueue", "{\"kind\":\"badGateway502\"}");

        admin("reset", "");

        assertEquals(0, simulator.pendingChatBehaviours());
        assertEquals(401, http.chat(token, ChatRequests.userSays("hi")).statusCode());
        assertEquals(1, simulator.recordedRequests().size(), "only the request made after the reset");
    }

    @Test
    void configChangesStreamShapeAndAccessRulesUntilReset() {
        JsonNode config = admin("config", "{\"streamChunks\":20,\"chunkDelayMs\":5,\"headerDelayMs\":1,"
                + "\"acceptAnyBearer\":true,\"apiKeys\":[\"sk-1\"]}");

        assertEquals(20, config.path("streamChunks").asInt());
        assertEquals(new ResponseShape(20, Duration.ofMillis(5), Duration.ofMillis(1)), simulator.responseShape());
        assertTrue(simulator.acceptsAnyBearer());
        assertEquals("sk-1", config.path("apiKeys").path(0).stringValue());
        admin("reset", "");
        assertEquals(ResponseShape.DEFAULT, simulator.responseShape());
        assertFalse(simulator.acceptsAnyBearer());
    }

    @Test
    void oauthAdminApprovesDeniesExpiresAndSlowsDownDeviceLogins() {
        String verifier = OAuthForms.newVerifier();
        JsonNode login = TestHttp.json(http.postForm(DEVICE_CODE_PATH,
                OAuthForms.deviceCodeRequest(OAuthForms.challengeOf(verifier))));
        String poll = OAuthForms.poll(login.path("device_code").stringValue(), verifier);
        String userCode = login.path("user_code").stringValue();

        JsonNode pending = TestHttp.json(http.get("/__sim/oauth/pending"));
        assertEquals(userCode, pending.path("user_codes").path(0).stringValue());
        admin("oauth/slow-down", "{\"polls\":1}");
        assertEquals(429, http.postForm(TOKEN_PATH, poll).statusCode());
        admin("oauth/approve", "{\"user_code\":\"" + userCode + "\"}");
        assertEquals(200, http.postForm(TOKEN_PATH, poll).statusCode());
        assertEquals(400, http.post("/__sim/oauth/deny", "{\"user_code\":\"" + userCode + "\"}").statusCode(),
                "a redeemed login can no longer be denied");
        admin("oauth/expire", "{\"device_code\":\"" + login.path("device_code").stringValue() + "\"}");
    }

    @Test
    void oauthAdminScriptsRefreshOutcomesAndTheEndOfTheOAuthTier() {
        JsonNode credentials = admin("oauth/credentials", "");
        admin("oauth/refresh-outcomes", "[\"SERVER_ERROR\",\"dead_refresh_token\"]");
        admin("oauth/reject-all-tokens", "{\"reject\":true}");

        assertEquals(503, http.postForm(TOKEN_PATH,
                OAuthForms.refresh(credentials.path("refresh_token").stringValue())).statusCode());
        assertEquals(400, http.postForm(TOKEN_PATH,
                OAuthForms.refresh(credentials.path("refresh_token").stringValue())).statusCode());
        assertEquals(401, http.chat(credentials.path("access_token").stringValue(), ChatRequests.userSays("hi"))
                .statusCode());
        assertTrue(simulator.oauth().rejectsAllAccessTokens());
    }

    @Test
    void unknownAdminRouteIsA404Json() {
        HttpResponse<String> response = http.post("/__sim/nothing-here", "");

        assertEquals(404, response.statusCode());
        assertTrue(TestHttp.json(response).path("error").has("message"));
    }
}
