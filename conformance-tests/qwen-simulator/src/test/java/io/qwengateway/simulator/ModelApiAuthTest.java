package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ModelApiAuthTest extends SimulatorTestBase {

    private static final String INVALID_TOKEN_BODY = "{\"error\":{\"message\":\"invalid access token or token "
            + "expired\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";

    @Test
    void unknownTokenGets401WithTheQwenErrorBody() {
        HttpResponse<String> response = http.chat("made-up", ChatRequests.userSays("hi"));

        assertEquals(401, response.statusCode());
        assertEquals(INVALID_TOKEN_BODY, response.body());
    }

    @Test
    void missingAuthorizationGets401() {
        assertEquals(401, http.chat(null, ChatRequests.userSays("hi")).statusCode());
    }

    @Test
    void expiredAccessTokenGets401() {
        SimulatedCredentials expired = simulator.oauth().issueCredentials(Duration.ZERO);

        assertEquals(401, http.chat(expired.accessToken(), ChatRequests.userSays("hi")).statusCode());
    }

    @Test
    void rejectAllAccessTokensRefusesEvenFreshTokensButNotApiKeys() {
        SimulatedCredentials fresh = simulator.oauth().issueCredentials();
        simulator.acceptApiKey("sk-dashscope-test");
        simulator.oauth().rejectAllAccessTokens(true);

        assertEquals(401, http.chat(fresh.accessToken(), ChatRequests.userSays("hi")).statusCode());
        assertEquals(200, http.chat("sk-dashscope-test", ChatRequests.userSays("hi")).statusCode());
    }

    @Test
    void acceptedApiKeyWorksAsBearer() {
        simulator.acceptApiKey("sk-dashscope-test");

        assertEquals(200, http.chat("sk-dashscope-test", ChatRequests.userSays("hi")).statusCode());
    }

    @Test
    void acceptAnyBearerSkipsTheTokenCheck() {
        simulator.setAcceptAnyBearer(true);

        assertEquals(200, http.chat("anything", ChatRequests.userSays("hi")).statusCode());
    }

    @Test
    void refusedRequestsDoNotUseUpQueuedBehaviours() {
        simulator.enqueueChat(ChatBehaviour.quotaExceeded429());
        SimulatedCredentials credentials = simulator.oauth().issueCredentials();

        assertEquals(401, http.chat("stale", ChatRequests.userSays("hi")).statusCode());
        assertEquals(429, http.chat(credentials.accessToken(), ChatRequests.userSays("hi")).statusCode());
        assertEquals(2, simulator.chatRequestCount());
    }
}
