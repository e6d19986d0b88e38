package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.qwengateway.simulator.OAuthForms.CLIENT_ID;
import static io.qwengateway.simulator.OAuthForms.DEVICE_CODE_PATH;
import static io.qwengateway.simulator.OAuthForms.SCOPE;
import static io.qwengateway.simulator.OAuthForms.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OAuth endpoints refuse, with a reason, every request the qwen-code CLI would not send. */
class StrictOAuthRequestsTest extends SimulatorTestBase {

    private final String challenge = OAuthForms.challengeOf(OAuthForms.newVerifier());

    private void assertRejected(HttpResponse<String> response, String error, String descriptionFragment) {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode body = TestHttp.json(response);
        assertEquals(error, body.path("error").stringValue());
        assertTrue(body.path("error_description").stringValue().contains(descriptionFragment),
                body.path("error_description").stringValue());
    }

    @Test
    void plusAsSpaceEncodingIsRejected() {
        String formStyle = "client_id=" + CLIENT_ID + "&scope=openid+profile+email+model.completion"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";

        assertRejected(http.postForm(DEVICE_CODE_PATH, formStyle), "invalid_request", "%20");
    }

    @Test
    void fieldsOutOfOrderAreRejected() {
        String reordered = TestHttp.form("scope", SCOPE, "client_id", CLIENT_ID, "code_challenge", challenge,
                "code_challenge_method", "S256");

        assertRejected(http.postForm(DEVICE_CODE_PATH, reordered), "invalid_request",
                "client_id, scope, code_challenge, code_challenge_method");
    }

    @Test
    void wrongClientIdIsRejected() {
        String body = TestHttp.form("client_id", "someone-else", "scope", SCOPE, "code_challenge", challenge,
                "code_challenge_method", "S256");

        assertRejected(http.postForm(DEVICE_CODE_PATH, body), "invalid_request", "client_id");
    }

    @Test
    void otherScopeIsRejected() {
        String body = TestHttp.form("client_id", CLIENT_ID, "scope", "openid", "code_challenge", challenge,
                "code_challenge_method", "S256");

        assertRejected(http.postForm(DEVICE_CODE_PATH, body), "invalid_request", "scope");
    }

    @Test
    void plainChallengeMethodIsRejected() {
        String body = TestHttp.form("client_id", CLIENT_ID, "scope", SCOPE, "code_challenge", challenge,
                "code_challenge_method", "plain");

        assertRejected(http.postForm(DEVICE_CODE_PATH, body), "invalid_request", "S256");
    }

    @Test
    void challengeThatIsNotABase64UrlSha256IsRejected() {
        String paddedBase64 = challenge.replace('-', '+') + "=";

        assertRejected(http.postForm(DEVICE_CODE_PATH, OAuthForms.deviceCodeRequest(paddedBase64)),
                "invalid_request", "code_challenge");
    }

    @Test
    void pollFieldsOutOfOrderAreRejected() {
        String reordered = TestHttp.form("client_id", CLIENT_ID, "grant_type", OAuthForms.DEVICE_GRANT,
                "device_code", "x", "code_verifier", "y");

        assertRejected(http.postForm(TOKEN_PATH, reordered), "invalid_request",
                "grant_type, client_id, device_code, code_verifier");
    }

    @Test
    void refreshFieldsInPollOrderAreRejected() {
        String wrongOrder = TestHttp.form("grant_type", "refresh_token", "client_id", CLIENT_ID,
                "refresh_token", "x");

        assertRejected(http.postForm(TOKEN_PATH, wrongOrder), "invalid_request",
                "grant_type, refresh_token, client_id");
    }

    @Test
    void jsonBodyInsteadOfAFormIsRejected() {
        HttpResponse<String> response = http.send(http.request(DEVICE_CODE_PATH)
                .header("Content-Type", "application/json")
                .header("User-Agent", TestHttp.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString("{\"client_id\":\"" + CLIENT_ID + "\"}"))
                .build());

        assertRejected(response, "invalid_request", "application/x-www-form-urlencoded");
    }

    @Test
    void requestWithoutUserAgentGetsA403HtmlPageLikeTheWaf() throws IOException {
        // java.net.http always sends a User-Agent, so this goes over a raw socket.
        String response = TestHttp.rawExchange(simulator,
                "POST " + DEVICE_CODE_PATH + " HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                OAuthForms.deviceCodeRequest(challenge));

        assertTrue(response.startsWith("HTTP/1.1 403"), response);
        assertTrue(response.toLowerCase().contains("content-type: text/html"), response);
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        assertFalse(body.startsWith("{"), body);
    }

    @Test
    void theXRequestIdHeaderOfADeviceCodeCallIsRecorded() {
        simulator.reset();
        http.send(http.request(DEVICE_CODE_PATH)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", TestHttp.USER_AGENT)
                .header("x-request-id", "0f3c1a2e-5b7d-4c1e-9a8f-123456789abc")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthForms.deviceCodeRequest(challenge)))
                .build());

        RecordedRequest recorded = simulator.recordedRequests(DEVICE_CODE_PATH).get(0);
        assertEquals("0f3c1a2e-5b7d-4c1e-9a8f-123456789abc", recorded.header("X-Request-Id").orElseThrow());
        assertEquals(OAuthForms.deviceCodeRequest(challenge), recorded.body());
    }
}
