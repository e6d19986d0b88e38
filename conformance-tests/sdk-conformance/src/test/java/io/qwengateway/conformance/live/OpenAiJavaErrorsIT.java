package io.qwengateway.conformance.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionChunk;

import io.qwengateway.conformance.clients.OpenAiJavaRequests;
import io.qwengateway.conformance.clients.ScenarioInputs;
import io.qwengateway.simulator.ChatBehaviour;

/**
 * Failures as openai-java reports them: the exception type for the status, and the envelope's code and type read
 * back by the SDK. Retries are off, so each test counts exactly the requests it made.
 */
class OpenAiJavaErrorsIT extends OpenAiJavaTest {

    @Test
    void exhaustedQwenQuotaIsARateLimitExceptionWithInsufficientQuota() {
        qwen.enqueueChat(ChatBehaviour.quotaExceeded429());

        RateLimitException error = catchThrowableOfType(RateLimitException.class,
                () -> openai.chat().completions().create(OpenAiJavaRequests.chat()));

        assertServiceError(error, 429, "insufficient_quota", "insufficient_quota");
        assertThat(qwen.chatRequestCount()).as("a spent quota is not retried").isEqualTo(1);
    }

    @Test
    void exhaustedQuotaBeforeTheFirstStreamByteIsARateLimitExceptionToo() {
        qwen.enqueueChat(ChatBehaviour.quotaExceeded429());

        RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions()
                    .createStreaming(OpenAiJavaRequests.chat())) {
                stream.stream().forEach(chunk -> { });
            }
        });

        assertServiceError(error, 429, "insufficient_quota", "insufficient_quota");
    }

    @Test
    void contextTooLongIsABadRequestWithContextLengthExceeded() {
        qwen.enqueueChat(ChatBehaviour.contextTooLong400());

        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> openai.chat().completions().create(OpenAiJavaRequests.chat()));

        assertServiceError(error, 400, "invalid_request_error", "context_length_exceeded");
        assertThat(qwen.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void aKeyTheGatewayDoesNotKnowIsUnauthorized() {
        OpenAIClient stranger = OpenAiJavaRequests.client(environment.openAiBaseUrl(), ScenarioInputs.WRONG_KEY);
        try {
            UnauthorizedException error = catchThrowableOfType(UnauthorizedException.class,
                    () -> stranger.chat().completions().create(OpenAiJavaRequests.chat()));

            assertServiceError(error, 401, "invalid_request_error", "invalid_api_key");
        } finally {
            stranger.close();
        }
        assertThat(qwen.chatRequestCount()).as("refused before Qwen").isZero();
    }

    @Test
    void anUnknownModelIsNotFound() {
        NotFoundException error = catchThrowableOfType(NotFoundException.class,
                () -> openai.models().retrieve(ScenarioInputs.UNKNOWN_MODEL));

        assertServiceError(error, 404, "invalid_request_error", "model_not_found");
    }

    @Test
    void qwenStreamTimeoutAfterTheFirstChunksMakesTheStreamThrow() {
        qwen.enqueueChat(ChatBehaviour.midStreamTimeout(2));

        assertStreamThrowsAfterContent("upstream_stream_error");
    }

    @Test
    void qwenConnectionCutMidStreamMakesTheStreamThrow() {
        qwen.enqueueChat(ChatBehaviour.streamCut(3));

        assertStreamThrowsAfterContent("upstream_stream_interrupted");
    }

    @Test
    void qwenStreamThatEndsWithoutFinishingMakesTheStreamThrow() {
        qwen.enqueueChat(ChatBehaviour.streamEndsSilently(3));

        assertStreamThrowsAfterContent("upstream_stream_incomplete");
    }

    /** Content arrived, then the SDK's iteration fails with the gateway's error: never a silent, short success. */
    private void assertStreamThrowsAfterContent(String code) {
        List<ChatCompletionChunk> received = new ArrayList<>();
        SseException error = catchThrowableOfType(SseException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions()
                    .createStreaming(OpenAiJavaRequests.chat())) {
                stream.stream().forEach(received::add);
            }
        });

        assertThat(received).isNotEmpty();
        assertThat(error).as("the SDK's stream must fail").isNotNull();
        assertThat(error.code()).contains(code);
        assertThat(error.type()).contains("server_error");
    }

    private static void assertServiceError(OpenAIServiceException error, int status, String type, String code) {
        assertThat(error).as("the SDK's exception for %s", status).isNotNull();
        assertThat(error.statusCode()).isEqualTo(status);
        assertThat(error.type()).contains(type);
        assertThat(error.code()).contains(code);
        assertThat(error.headers().values("x-request-id")).isNotEmpty();
    }
}
