package io.qwengateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * Each row of the Qwen error table, end to end: what the client gets, and how many times Qwen was called (retries
 * where they help, none where they cannot).
 */
class UpstreamErrorsIT extends GatewayIntegrationTest {

    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"hi"}]}""";
    private static final String STREAM = """
            {"model":"coder-model","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    @Test
    void staleTokenIsRefreshedOnceAndTheCallRetriedOnce() {
        sim.enqueueChat(ChatBehaviour.staleToken401());

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sim.oauth().refreshCount()).isEqualTo(1);
        assertThat(sim.chatRequestCount()).isEqualTo(2);
        String retriedWith = sim.recordedRequests("/v1/chat/completions").get(1).header("authorization").orElseThrow();
        assertThat(retriedWith).isNotEqualTo("Bearer " + credentials.accessToken());
    }

    @Test
    void rejectionOfAFreshTokenFailsFastWithTheDiscontinuationHintAndDoesNotLoop() {
        sim.oauth().rejectAllAccessTokens(true);

        HttpResponse<String> first = gateway.postJson("/v1/chat/completions", CHAT);
        HttpResponse<String> second = gateway.postJson("/v1/chat/completions", CHAT);

        assertError(first, 401, "authentication_error", "upstream_credentials_unusable");
        assertThat(message(first)).contains("discontinued on 2026-04-15").contains("QWEN_API_KEY");
        assertThat(sim.oauth().refreshCount()).isEqualTo(1);
        assertThat(sim.chatRequestCount()).as("the second request is refused without calling Qwen").isEqualTo(2);
        assertError(second, 401, "authentication_error", "upstream_credentials_unusable");
        JsonNode health = GatewayClient.parse(gateway.get("/health").body());
        assertThat(health.path("credential").path("state").asString()).isEqualTo("login_required");
    }

    static Stream<Arguments> finalRefusals() {
        return Stream.of(
                Arguments.of("spent daily quota", ChatBehaviour.quotaExceeded429(), 429, "insufficient_quota",
                        "insufficient_quota", "quota"),
                Arguments.of("context too long", ChatBehaviour.contextTooLong400(), 400, "invalid_request_error",
                        "context_length_exceeded", "Range of input length"),
                Arguments.of("moderation", ChatBehaviour.dataInspectionFailed400(), 400, "invalid_request_error",
                        "data_inspection_failed", "DataInspectionFailed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("finalRefusals")
    void refusalsThatARetryCannotFixReachTheClientOnceWithTheirOpenAiCode(String refusal, ChatBehaviour behaviour,
            int status, String type, String code, String messageFragment) {
        sim.enqueueChat(behaviour);

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertError(response, status, type, code);
        assertThat(message(response)).contains(messageFragment);
        assertThat(response.headers().firstValue("retry-after")).isEmpty();
        assertThat(sim.chatRequestCount()).as("no retry").isEqualTo(1);
    }

    @Test
    void rateLimitIsPassedOnWithRetryAfter() {
        sim.enqueueChat(ChatBehaviour.throttled429(7));

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertError(response, 429, "requests", "rate_limit_exceeded");
        assertThat(response.headers().firstValue("retry-after")).hasValue("7");
        assertThat(response.headers().firstValue("retry-after-ms")).hasValue("7000");
        assertThat(sim.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void gatewayTimeoutBeforeTheFirstByteIsRetriedUntilItSucceeds() {
        sim.enqueueChat(ChatBehaviour.gatewayTimeout504(), ChatBehaviour.badGateway502());

        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", STREAM);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).endsWith("data: [DONE]\n\n");
        assertThat(sim.chatRequestCount()).isEqualTo(3);
    }

    @Test
    void persistentUnavailabilityEndsAsTheLastStatusAfterTheConfiguredAttempts() {
        sim.enqueueChat(ChatBehaviour.serviceUnavailable503(), ChatBehaviour.serviceUnavailable503(),
                ChatBehaviour.gatewayTimeout504());

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertError(response, 504, "server_error", "upstream_unavailable");
        assertThat(message(response)).contains("stream timeout");
        assertThat(sim.chatRequestCount()).isEqualTo(3);
    }

    @Test
    void connectionDroppedBeforeAnyResponseIsRetried() {
        sim.enqueueChat(ChatBehaviour.resetBeforeResponse());

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sim.chatRequestCount()).isEqualTo(2);
    }

    @Test
    void aStreamWhoseConnectionsAreAllCutBeforeTheFirstByteCostsAtMostMaxSendsPosts() {
        assertThat(gateway.postJson("/v1/chat/completions", CHAT).statusCode())
                .as("a pooled connection to meet the first cut").isEqualTo(200);
        ChatBehaviour[] cuts = new ChatBehaviour[12];
        java.util.Arrays.fill(cuts, ChatBehaviour.resetBeforeResponse());
        sim.enqueueChat(cuts);

        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", STREAM);

        assertError(response, 502, "server_error", "upstream_unreachable");
        assertThat(sim.chatRequestCount() - 1).as("POSTs for the stream (gateway.upstream.max-sends)").isEqualTo(3);
        assertThat(sim.pendingChatBehaviours()).isEqualTo(12 - 3);
    }

    @Test
    void otherClientErrorsKeepTheirStatusAndMessage() {
        sim.enqueueChat(ChatBehaviour.status(404, """
                {"error":{"message":"The model `qwen-nope` does not exist","type":"invalid_request_error","param":"model","code":"model_not_found"}}"""));

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertError(response, 404, "invalid_request_error", "model_not_found");
        assertThat(message(response)).isEqualTo("The model `qwen-nope` does not exist");
        assertThat(GatewayClient.parse(response.body()).path("error").path("param").asString()).isEqualTo("model");
    }

    @Test
    void errorsBeforeAStreamStartsAreJsonEvenWhenTheClientAcceptsOnlyEventStreams() {
        sim.enqueueChat(ChatBehaviour.contextTooLong400());

        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", STREAM);

        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertError(response, 400, "invalid_request_error", "context_length_exceeded");
    }

    @Test
    void streamRequestAnsweredWithAJsonErrorIsAPlainJsonErrorNotABrokenStream() {
        sim.enqueueChat(ChatBehaviour.status(200, """
                {"error":{"message":"Throttling: Requests rate limit exceeded","type":"rate_limit_error","code":"Throttling"}}"""));

        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", STREAM);

        assertError(response, 429, "requests", "rate_limit_exceeded");
        assertThat(message(response)).contains("Throttling");
    }

    @Test
    void missingCredentialsAreA401ThatSaysHowToLogIn() throws Exception {
        java.nio.file.Files.delete(io.qwengateway.support.SimulatedQwen.credentialsFile());

        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", CHAT);

        assertError(response, 401, "authentication_error", "upstream_credentials_unusable");
        assertThat(message(response)).contains("auth").contains("/auth/initiate");
        assertThat(sim.chatRequestCount()).isZero();
    }

    static void assertError(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode error = GatewayClient.parse(response.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo(type);
        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.has("param")).isTrue();
        assertThat(error.path("message").asString()).isNotBlank();
    }

    static String message(HttpResponse<String> response) {
        return GatewayClient.parse(response.body()).path("error").path("message").asString();
    }
}
