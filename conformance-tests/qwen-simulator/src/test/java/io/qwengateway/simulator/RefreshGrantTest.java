package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.qwengateway.simulator.OAuthForms.TOKEN_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefreshGrantTest extends SimulatorTestBase {

    private final SimulatedCredentials credentials = simulator.oauth().issueCredentials();

    private HttpResponse<String> refresh(String refreshToken) {
        return http.postForm(TOKEN_PATH, OAuthForms.refresh(refreshToken));
    }

    @Test
    void refreshRotatesTheRefreshTokenAndRejectsTheOldOne() {
        HttpResponse<String> first = refresh(credentials.refreshToken());
        JsonNode rotated = TestHttp.json(first);
        HttpResponse<String> replay = refresh(credentials.refreshToken());

        assertEquals(200, first.statusCode());
        assertNotEquals(credentials.refreshToken(), rotated.path("refresh_token").stringValue());
        assertNotEquals(credentials.accessToken(), rotated.path("access_token").stringValue());
        assertEquals(simulator.baseUrl(), rotated.path("resource_url").stringValue());
        assertEquals(400, replay.statusCode());
        assertEquals("{\"error\":\"invalid_grant\",\"error_description\":\"Invalid refresh token\"}", replay.body());
        assertEquals(200, refresh(rotated.path("refresh_token").stringValue()).statusCode());
    }

    @Test
    void theReplacedAccessTokenStaysValidUntilItsOwnExpiry() {
        JsonNode rotated = TestHttp.json(refresh(credentials.refreshToken()));

        assertEquals(200, http.chat(credentials.accessToken(), ChatRequests.userSays("old")).statusCode());
        assertEquals(200, http.chat(rotated.path("access_token").stringValue(), ChatRequests.userSays("new"))
                .statusCode());
    }

    @Test
    void unknownRefreshTokenIsAnInvalidGrant() {
        HttpResponse<String> response = refresh("never-issued");

        assertEquals(400, response.statusCode());
        assertEquals("invalid_grant", TestHttp.json(response).path("error").stringValue());
    }

    @Test
    void deadRefreshTokenOutcomeAnswers400AndTheTokenStaysDead() {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.DEAD_REFRESH_TOKEN);

        HttpResponse<String> dead = refresh(credentials.refreshToken());
        HttpResponse<String> retry = refresh(credentials.refreshToken());

        assertEquals(400, dead.statusCode());
        assertEquals("invalid_grant", TestHttp.json(dead).path("error").stringValue());
        assertEquals(400, retry.statusCode());
    }

    @Test
    void errorIn2xxOutcomeIsA200WithAnErrorKeyAndKeepsTheRefreshTokenValid() {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.ERROR_IN_2XX);

        HttpResponse<String> response = refresh(credentials.refreshToken());

        assertEquals(200, response.statusCode());
        assertEquals("server_error", TestHttp.json(response).path("error").stringValue());
        assertEquals(200, refresh(credentials.refreshToken()).statusCode());
    }

    @Test
    void empty2xxOutcomeIsA200WithoutBody() {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.EMPTY_2XX);

        HttpResponse<String> response = refresh(credentials.refreshToken());

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void nonJson2xxOutcomeIsA200HtmlPage() {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.NON_JSON_2XX);

        HttpResponse<String> response = refresh(credentials.refreshToken());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        assertTrue(response.body().startsWith("<!DOCTYPE html>"));
    }

    @Test
    void serverErrorOutcomeIsA503() {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.SERVER_ERROR);

        assertEquals(503, refresh(credentials.refreshToken()).statusCode());
    }

    @Test
    void omitRefreshTokenOutcomeLeavesTheOldRefreshTokenValid() {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.OMIT_REFRESH_TOKEN);

        JsonNode answer = TestHttp.json(refresh(credentials.refreshToken()));

        assertFalse(answer.has("refresh_token"));
        assertTrue(answer.has("access_token"));
        assertEquals(200, refresh(credentials.refreshToken()).statusCode());
    }

    @Test
    void omitResourceUrlOutcomeAnswersWithoutResourceUrl() {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.OMIT_RESOURCE_URL);

        JsonNode answer = TestHttp.json(refresh(credentials.refreshToken()));

        assertFalse(answer.has("resource_url"));
        assertTrue(answer.has("refresh_token"));
    }

    @Test
    void outcomesAreConsumedInOrderThenRefreshesRotateNormally() {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.SERVER_ERROR, RefreshOutcome.ERROR_IN_2XX);

        List<Integer> statuses = List.of(refresh(credentials.refreshToken()).statusCode(),
                refresh(credentials.refreshToken()).statusCode(), refresh(credentials.refreshToken()).statusCode());

        assertEquals(List.of(503, 200, 200), statuses);
        assertEquals(3, simulator.oauth().refreshCount());
    }

    @Test
    void refreshDelayHoldsTheAnswerBack() {
        simulator.oauth().setRefreshDelay(Duration.ofMillis(300));

        long start = System.nanoTime();
        refresh(credentials.refreshToken());

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
    }

    @Test
    void ofTwoConcurrentRefreshesWithTheSameTokenExactlyOneWins() {
        simulator.oauth().setRefreshDelay(Duration.ofMillis(200));

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(
                () -> refresh(credentials.refreshToken()).statusCode());
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(
                () -> refresh(credentials.refreshToken()).statusCode());

        assertEquals(List.of(200, 400), List.of(first.join(), second.join()).stream().sorted().toList());
        assertEquals(2, simulator.oauth().refreshCount());
    }

    @Test
    void aHeldRefreshIsAnsweredOnlyWhenReleasedAndAsTheTokensStandThen() {
        simulator.oauth().holdNextRefreshes(1);
        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(
                () -> refresh(credentials.refreshToken()).statusCode());
        assertTrue(simulator.oauth().awaitHeldRefreshes(1, Duration.ofSeconds(5)));

        int meanwhile = refresh(credentials.refreshToken()).statusCode();
        simulator.oauth().releaseHeldRefreshes();

        assertEquals(200, meanwhile, "only the next call is held; this one rotates the token");
        assertEquals(400, held.join(), "released after the rotation, the held call carries a rotated-away token");
        assertEquals(0, simulator.oauth().heldRefreshes());
    }
}
