package io.qwengateway.conformance.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.RawMessageStreamEvent;

import io.qwengateway.conformance.clients.AnthropicJavaRequests;
import io.qwengateway.conformance.clients.ScenarioInputs;
import io.qwengateway.conformance.harness.ConformanceEnvironment;
import io.qwengateway.simulator.ChatBehaviour;

/**
 * Failures as anthropic-java reports them: the exception class for the status, the envelope's {@code error.type}
 * read back by the SDK, and the {@code request-id} it exposes. Retries are off, so each test counts the requests
 * it made (the SDK would otherwise retry 429, 529 and 5xx by itself).
 */
class AnthropicJavaErrorsIT extends AnthropicJavaTest {

    @Test
    void exhaustedQwenQuotaIsARateLimitException() {
        qwen.enqueueChat(ChatBehaviour.quotaExceeded429());

        RateLimitException error = catchThrowableOfType(RateLimitException.class,
                () -> anthropic.messages().create(AnthropicJavaRequests.text()));

        assertServiceError(error, 429, "rate_limit_error");
        assertThat(error.apiMessage()).get().asString().containsIgnoringCase("quota");
        assertThat(qwen.chatRequestCount()).as("a spent quota is not retried").isEqualTo(1);
    }

    /** {@code x-should-retry: false}: the SDK's own retries (two by default) leave a spent quota alone. */
    @Test
    void anSdkWithItsDefaultRetriesDoesNotResendASpentQuota() {
        qwen.enqueueChat(ChatBehaviour.quotaExceeded429(), ChatBehaviour.quotaExceeded429(),
                ChatBehaviour.quotaExceeded429());
        AnthropicClient retrying = AnthropicOkHttpClient.builder().baseUrl(environment.gatewayUrl())
                .apiKey(ConformanceEnvironment.CLIENT_KEY).build();
        try {
            RateLimitException error = catchThrowableOfType(RateLimitException.class,
                    () -> retrying.messages().create(AnthropicJavaRequests.text()));

            assertServiceError(error, 429, "rate_limit_error");
        } finally {
            retrying.close();
        }
        assertThat(qwen.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void exhaustedQuotaBeforeTheFirstStreamByteIsARateLimitExceptionToo() {
        qwen.enqueueChat(ChatBehaviour.quotaExceeded429());

        RateLimitException error = catchThrowableOfType(RateLimitException.class,
                () -> AnthropicJavaRequests.accumulate(anthropic, AnthropicJavaRequests.text()));

        assertServiceError(error, 429, "rate_limit_error");
    }

    @Test
    void throttlingCarriesRetryAfter() {
        qwen.enqueueChat(ChatBehaviour.throttled429(7), ChatBehaviour.throttled429(7), ChatBehaviour.throttled429(7));

        RateLimitException error = catchThrowableOfType(RateLimitException.class,
                () -> anthropic.messages().create(AnthropicJavaRequests.text()));

        assertServiceError(error, 429, "rate_limit_error");
        assertThat(error.headers().values("retry-after")).isNotEmpty();
    }

    @Test
    void contextTooLongIsABadRequest() {
        qwen.enqueueChat(ChatBehaviour.contextTooLong400());

        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> anthropic.messages().create(AnthropicJavaRequests.text()));

        assertServiceError(error, 400, "invalid_request_error");
        assertThat(qwen.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void aKeyTheGatewayDoesNotKnowIsUnauthorized() {
        AnthropicClient stranger = AnthropicJavaRequests.client(environment.gatewayUrl(), ScenarioInputs.WRONG_KEY);
        try {
            UnauthorizedException error = catchThrowableOfType(UnauthorizedException.class,
                    () -> stranger.messages().create(AnthropicJavaRequests.text()));

            assertServiceError(error, 401, "authentication_error");
        } finally {
            stranger.close();
        }
        assertThat(qwen.chatRequestCount()).as("refused before Qwen").isZero();
    }

    @Test
    void anUnknownModelIsNotFound() {
        NotFoundException error = catchThrowableOfType(NotFoundException.class,
                () -> anthropic.models().retrieve(ScenarioInputs.UNKNOWN_MODEL));

        assertServiceError(error, 404, "not_found_error");
    }

    @Test
    void anUnavailableQwenIsOverloaded529AfterTheGatewaysOwnRetries() {
        qwen.enqueueChat(ChatBehaviour.serviceUnavailable503(), ChatBehaviour.serviceUnavailable503(),
                ChatBehaviour.serviceUnavailable503());

        OverloadedException error = catchThrowableOfType(OverloadedException.class,
                () -> anthropic.messages().create(AnthropicJavaRequests.text()));

        assertServiceError(error, 529, "overloaded_error");
        assertThat(qwen.chatRequestCount()).as("gateway.upstream.max-sends").isEqualTo(3);
    }

    @Test
    void qwenStreamTimeoutAfterTheFirstChunksMakesTheStreamThrow() {
        qwen.enqueueChat(ChatBehaviour.midStreamTimeout(2));

        assertStreamThrowsAfterContent();
    }

    @Test
    void qwenConnectionCutMidStreamMakesTheStreamThrow() {
        qwen.enqueueChat(ChatBehaviour.streamCut(3));

        assertStreamThrowsAfterContent();
    }

    /** Content arrived, then the SDK's iteration fails with the gateway's error event: never a short success. */
    private void assertStreamThrowsAfterContent() {
        List<RawMessageStreamEvent> received = new ArrayList<>();
        SseException error = catchThrowableOfType(SseException.class, () -> {
            try (StreamResponse<RawMessageStreamEvent> stream = anthropic.messages()
                    .createStreaming(AnthropicJavaRequests.text())) {
                stream.stream().forEach(received::add);
            }
        });

        assertThat(received).anyMatch(RawMessageStreamEvent::isContentBlockDelta);
        assertThat(received).noneMatch(RawMessageStreamEvent::isMessageStop);
        assertThat(error).as("the SDK's stream must fail").isNotNull();
        assertThat(error.type()).get().satisfies(type -> assertThat(type.asString()).isEqualTo("api_error"));
        assertThat(error.apiMessage()).get().asString().isNotBlank();
        assertThat(error.requestId()).get().asString().isNotBlank();
    }

    private static void assertServiceError(AnthropicServiceException error, int status, String type) {
        assertThat(error).as("the SDK's exception for %s", status).isNotNull();
        assertThat(error.statusCode()).isEqualTo(status);
        assertThat(error.type()).get().satisfies(actual -> assertThat(actual.asString()).isEqualTo(type));
        assertThat(error.apiMessage()).get().asString().isNotBlank();
        assertThat(error.requestId()).as("request-id").get().asString().isNotBlank();
    }
}
