package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviours that fail before the first byte of an answer, and the queue that hands them out. */
class ErrorBehavioursTest extends SimulatorTestBase {

    private HttpResponse<String> askStreaming() {
        return http.chat(token, ChatRequests.streamedUserSays("hi"));
    }

    private static JsonNode errorOf(HttpResponse<String> response) {
        return TestHttp.json(response).path("error");
    }

    @Test
    void queuedBehavioursAreUsedOncePerRequestInOrderThenAnswersAreNormal() {
        simulator.enqueueChat(ChatBehaviour.serviceUnavailable503(), ChatBehaviour.badGateway502());

        assertEquals(503, askStreaming().statusCode());
        assertEquals(502, askStreaming().statusCode());
        assertEquals(200, askStreaming().statusCode());
        assertEquals(0, simulator.pendingChatBehaviours());
    }

    @Test
    void statusBehaviourSendsItsBodyAndHeadersEvenToAStreamingRequest() {
        simulator.enqueueChat(ChatBehaviour.status(418, "{\"error\":{\"message\":\"teapot\"}}",
                Map.of("X-Custom", "yes")));

        HttpResponse<String> response = askStreaming();

        assertEquals(418, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("yes", response.headers().firstValue("x-custom").orElseThrow());
        assertEquals("{\"error\":{\"message\":\"teapot\"}}", response.body());
    }

    @Test
    void staleToken401LooksLikeTheModelApisTokenRefusal() {
        simulator.enqueueChat(ChatBehaviour.staleToken401());

        HttpResponse<String> response = askStreaming();

        assertEquals(401, response.statusCode());
        assertEquals("invalid access token or token expired", errorOf(response).path("message").stringValue());
    }

    @Test
    void forbidden403IsJson() {
        simulator.enqueueChat(ChatBehaviour.forbidden403());

        HttpResponse<String> response = askStreaming();

        assertEquals(403, response.statusCode());
        assertEquals("AccessDenied", errorOf(response).path("code").stringValue());
    }

    @Test
    void quotaExceeded429SaysInsufficientQuotaWithoutRetryAfter() {
        simulator.enqueueChat(ChatBehaviour.quotaExceeded429());

        HttpResponse<String> response = askStreaming();

        assertEquals(429, response.statusCode());
        assertEquals("{\"error\":{\"message\":\"Free allocated quota exceeded.\",\"type\":\"insufficient_quota\","
                + "\"param\":null,\"code\":\"insufficient_quota\"}}", response.body());
        assertTrue(response.headers().firstValue("retry-after").isEmpty());
    }

    @Test
    void throttled429CarriesRetryAfter() {
        simulator.enqueueChat(ChatBehaviour.throttled429(2));

        HttpResponse<String> response = askStreaming();

        assertEquals(429, response.statusCode());
        assertEquals("2", response.headers().firstValue("retry-after").orElseThrow());
        assertEquals("Throttling", errorOf(response).path("code").stringValue());
    }

    @Test
    void contextTooLong400UsesDashScopesWording() {
        simulator.enqueueChat(ChatBehaviour.contextTooLong400());

        HttpResponse<String> response = askStreaming();

        assertEquals(400, response.statusCode());
        assertTrue(errorOf(response).path("message").stringValue().contains("Range of input length should be"));
        assertEquals("invalid_parameter_error", errorOf(response).path("code").stringValue());
    }

    @Test
    void dataInspectionFailed400NamesTheModerationFailure() {
        simulator.enqueueChat(ChatBehaviour.dataInspectionFailed400());

        HttpResponse<String> response = askStreaming();

        assertEquals(400, response.statusCode());
        assertEquals("data_inspection_failed", errorOf(response).path("code").stringValue());
        assertTrue(errorOf(response).path("message").stringValue().contains("DataInspectionFailed"));
    }

    @Test
    void gatewayTimeout504IsPlainTextStreamTimeout() {
        simulator.enqueueChat(ChatBehaviour.gatewayTimeout504());

        HttpResponse<String> response = askStreaming();

        assertEquals(504, response.statusCode());
        assertEquals("stream timeout", response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/plain"));
    }

    @Test
    void badGateway502IsAnHtmlPage() {
        simulator.enqueueChat(ChatBehaviour.badGateway502());

        HttpResponse<String> response = askStreaming();

        assertEquals(502, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
    }

    @Test
    void resetBeforeResponseDropsTheConnectionWithoutAnyResponseByte() throws IOException {
        simulator.enqueueChat(ChatBehaviour.resetBeforeResponse());
        String raw = TestHttp.rawExchange(simulator, "POST /v1/chat/completions HTTP/1.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n",
                ChatRequests.streamedUserSays("hi"));

        assertEquals("", raw);
        simulator.enqueueChat(ChatBehaviour.resetBeforeResponse());
        IOException failure = http.failureOf(http.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(ChatRequests.userSays("hi")))
                .build());
        assertTrue(failure.getMessage() != null, failure.toString());
    }

    @Test
    void delayHeadersAnswersNormallyAfterTheDelay() {
        simulator.enqueueChat(ChatBehaviour.delayHeaders(Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<String> response = http.chat(token, ChatRequests.userSays("hi"));

        assertEquals(200, response.statusCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
    }

    @Test
    void configuredHeaderDelayAppliesToEveryAnswer() {
        simulator.setResponseShape(simulator.responseShape().withHeaderDelay(Duration.ofMillis(200)));

        long start = System.nanoTime();
        http.chat(token, ChatRequests.userSays("one"));
        http.chat(token, ChatRequests.userSays("two"));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 400);
    }
}
