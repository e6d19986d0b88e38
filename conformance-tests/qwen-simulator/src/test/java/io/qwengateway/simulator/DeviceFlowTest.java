package io.qwengateway.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.qwengateway.simulator.OAuthForms.DEVICE_CODE_PATH;
import static io.qwengateway.simulator.OAuthForms.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceFlowTest {

    private QwenSimulator simulator = QwenSimulator.start();
    private final TestHttp http = new TestHttp(simulator);
    private final String verifier = OAuthForms.newVerifier();

    @AfterEach
    void close() {
        simulator.close();
    }

    private JsonNode startLogin() {
        HttpResponse<String> response = http.postForm(DEVICE_CODE_PATH,
                OAuthForms.deviceCodeRequest(OAuthForms.challengeOf(verifier)));
        assertEquals(200, response.statusCode(), response.body());
        return TestHttp.json(response);
    }

    private HttpResponse<String> poll(JsonNode login, String codeVerifier) {
        return http.postForm(TOKEN_PATH, OAuthForms.poll(login.path("device_code").stringValue(), codeVerifier));
    }

    private static String errorOf(HttpResponse<String> response) {
        return TestHttp.json(response).path("error").stringValue();
    }

    @Test
    void deviceCodeAnswerHasTheQwenFieldsAndNoInterval() {
        JsonNode login = startLogin();

        String userCode = login.path("user_code").stringValue();
        assertEquals(8, userCode.length());
        assertFalse(login.path("device_code").stringValue().isBlank());
        assertEquals(simulator.baseUrl() + "/authorize", login.path("verification_uri").stringValue());
        assertEquals(simulator.baseUrl() + "/authorize?user_code=" + userCode + "&client=qwen-code",
                login.path("verification_uri_complete").stringValue());
        assertEquals(900, login.path("expires_in").asInt());
        assertFalse(login.has("interval"));
        assertEquals(1, simulator.oauth().deviceCodeCount());
    }

    @Test
    void approvedLoginWithTheRightVerifierGetsATokenPairThatTheModelApiAccepts() {
        JsonNode login = startLogin();
        simulator.oauth().approve(login.path("user_code").stringValue());

        HttpResponse<String> response = poll(login, verifier);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode tokens = TestHttp.json(response);
        assertEquals("Bearer", tokens.path("token_type").stringValue());
        assertEquals(3600, tokens.path("expires_in").asInt());
        assertEquals(simulator.baseUrl(), tokens.path("resource_url").stringValue());
        assertFalse(tokens.path("refresh_token").stringValue().isBlank());
        assertEquals(200, http.chat(tokens.path("access_token").stringValue(), ChatRequests.userSays("hi"))
                .statusCode());
    }

    @Test
    void approvedLoginWithAWrongVerifierFailsPkceVerification() {
        JsonNode login = startLogin();
        simulator.oauth().approve(login.path("user_code").stringValue());

        HttpResponse<String> response = poll(login, OAuthForms.newVerifier());

        assertEquals(400, response.statusCode());
        assertEquals("invalid_grant", errorOf(response));
        assertEquals("PKCE verification failed", TestHttp.json(response).path("error_description").stringValue());
    }

    @Test
    void pollBeforeApprovalIsPendingAndPollAfterRedemptionIsInvalid() {
        JsonNode login = startLogin();
        HttpResponse<String> pending = poll(login, verifier);
        simulator.oauth().approve(login.path("user_code").stringValue());
        HttpResponse<String> granted = poll(login, verifier);
        HttpResponse<String> again = poll(login, verifier);

        assertEquals(400, pending.statusCode());
        assertEquals("authorization_pending", errorOf(pending));
        assertEquals(200, granted.statusCode());
        assertEquals(400, again.statusCode());
        assertEquals("invalid_grant", errorOf(again));
    }

    @Test
    void programmedSlowDownAnswers429ForTheNextPollsOnly() {
        JsonNode login = startLogin();
        simulator.oauth().slowDownNextPolls(2);

        HttpResponse<String> first = poll(login, verifier);
        HttpResponse<String> second = poll(login, verifier);
        HttpResponse<String> third = poll(login, verifier);

        assertEquals(429, first.statusCode());
        assertEquals("slow_down", errorOf(first));
        assertEquals(429, second.statusCode());
        assertEquals("authorization_pending", errorOf(third));
    }

    @Test
    void deniedLoginAnswersAccessDenied() {
        JsonNode login = startLogin();
        simulator.oauth().deny(login.path("user_code").stringValue());

        HttpResponse<String> response = poll(login, verifier);

        assertEquals(400, response.statusCode());
        assertEquals("access_denied", errorOf(response));
    }

    @Test
    void deviceCodeExpiredByTheTestAnswersExpiredToken() {
        JsonNode login = startLogin();
        simulator.oauth().expire(login.path("device_code").stringValue());

        HttpResponse<String> response = poll(login, verifier);

        assertEquals("expired_token", errorOf(response));
    }

    @Test
    void deviceCodePastItsLifetimeAnswersExpiredTokenEvenIfApproved() throws InterruptedException {
        simulator.close();
        simulator = QwenSimulator.start(SimulatorOptions.defaults().withDeviceCodeTtl(Duration.ofMillis(200)));
        TestHttp shortLived = new TestHttp(simulator);
        JsonNode login = TestHttp.json(shortLived.postForm(DEVICE_CODE_PATH,
                OAuthForms.deviceCodeRequest(OAuthForms.challengeOf(verifier))));
        Thread.sleep(300);

        HttpResponse<String> response = shortLived.postForm(TOKEN_PATH,
                OAuthForms.poll(login.path("device_code").stringValue(), verifier));

        assertEquals("expired_token", errorOf(response));
        assertThrows(IllegalArgumentException.class,
                () -> simulator.oauth().approve(login.path("user_code").stringValue()));
    }

    @Test
    void unknownDeviceCodeIsAnInvalidGrant() {
        HttpResponse<String> response = http.postForm(TOKEN_PATH, OAuthForms.poll("no-such-code", verifier));

        assertEquals(400, response.statusCode());
        assertEquals("invalid_grant", errorOf(response));
    }

    @Test
    void pendingUserCodesListsLoginsWaitingForADecision() {
        String userCode = startLogin().path("user_code").stringValue();

        assertEquals(List.of(userCode), simulator.oauth().pendingUserCodes());
        simulator.oauth().approve(userCode);
        assertTrue(simulator.oauth().pendingUserCodes().isEmpty());
    }

    @Test
    void authorizePageShowsTheCodeAndItsButtonApprovesTheLogin() {
        JsonNode login = startLogin();
        String userCode = login.path("user_code").stringValue();

        HttpResponse<String> page = http.get("/authorize?user_code=" + userCode + "&client=qwen-code");
        HttpResponse<String> approval = http.post("/authorize/approve?user_code=" + userCode, "");

        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains(userCode));
        assertEquals(200, approval.statusCode());
        assertEquals(200, poll(login, verifier).statusCode());
    }
}
