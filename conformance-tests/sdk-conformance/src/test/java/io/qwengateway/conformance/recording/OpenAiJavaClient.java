package io.qwengateway.conformance.recording;

import java.util.Set;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;

import io.qwengateway.conformance.clients.OpenAiJavaRequests;
import io.qwengateway.conformance.clients.OpenAiJavaResponseRequests;
import io.qwengateway.conformance.clients.ScenarioInputs;
import io.qwengateway.conformance.scenarios.Scenario;

/** com.openai:openai-java, the official Java SDK. */
final class OpenAiJavaClient implements ScenarioClient {

    @Override
    public String name() {
        return "openai-java";
    }

    @Override
    public String version() {
        return System.getProperty("openai-java.version", "unknown");
    }

    @Override
    public String runtime() {
        return "java " + System.getProperty("java.version");
    }

    @Override
    public Set<Scenario> scenarios() {
        return Scenario.of(Scenario.Group.CHAT, Scenario.Group.RESPONSES);
    }

    @Override
    public void run(Scenario scenario, String baseUrl, String apiKey) {
        OpenAIClient client = OpenAiJavaRequests.client(baseUrl, apiKey);
        try {
            switch (scenario) {
                case CHAT -> client.chat().completions().create(OpenAiJavaRequests.chat());
                case STREAM -> drain(client, OpenAiJavaRequests.chat());
                case STREAM_USAGE -> drain(client, OpenAiJavaRequests.streamWithUsage());
                case TOOLS -> {
                    ChatCompletion call = client.chat().completions().create(OpenAiJavaRequests.weatherQuestion());
                    client.chat().completions().create(OpenAiJavaRequests.weatherResult(call));
                }
                case IMAGE -> client.chat().completions().create(OpenAiJavaRequests.image());
                case JSON_SCHEMA -> client.chat().completions().create(OpenAiJavaRequests.jsonSchema());
                case EMBEDDINGS -> client.embeddings().create(OpenAiJavaRequests.embeddings());
                case MODELS -> client.models().list();
                case MODEL -> client.models().retrieve(ScenarioInputs.MODEL);
                case ERROR_INVALID_KEY -> ExpectedFailure.of(() -> OpenAiJavaRequests
                        .client(baseUrl, ScenarioInputs.WRONG_KEY).chat().completions()
                        .create(OpenAiJavaRequests.chat()));
                case ERROR_MODEL_NOT_FOUND -> ExpectedFailure.of(() -> client.models()
                        .retrieve(ScenarioInputs.UNKNOWN_MODEL));
                case ERROR_QUOTA, ERROR_CONTEXT_LENGTH -> ExpectedFailure.of(() -> client.chat().completions()
                        .create(OpenAiJavaRequests.chat()));
                case ERROR_QUOTA_STREAM, ERROR_MID_STREAM -> ExpectedFailure.of(() -> drain(client,
                        OpenAiJavaRequests.chat()));
                case RESPONSES -> client.responses().create(OpenAiJavaResponseRequests.text());
                case RESPONSES_STREAM -> accumulate(client, OpenAiJavaResponseRequests.text());
                case RESPONSES_TOOLS -> client.responses().create(OpenAiJavaResponseRequests.weatherResult(
                        client.responses().create(OpenAiJavaResponseRequests.weatherQuestion())));
                case RESPONSES_TOOLS_STATELESS -> accumulate(client, OpenAiJavaResponseRequests
                        .statelessWeatherResult(accumulate(client,
                                OpenAiJavaResponseRequests.statelessWeatherQuestion())));
                case RESPONSES_ERROR_QUOTA_STREAM -> ExpectedFailure.of(() -> accumulate(client,
                        OpenAiJavaResponseRequests.text()));
                case RESPONSES_ERROR_MID_STREAM -> failedStream(client);
                case RESPONSES_ERROR_PREVIOUS_NOT_FOUND -> ExpectedFailure.of(() -> client.responses()
                        .create(OpenAiJavaResponseRequests.unknownPrevious()));
                default -> throw new IllegalArgumentException(scenario + " is not expressible with openai-java");
            }
        } finally {
            client.close();
        }
    }

    /** The SDK's own accumulation of a Responses stream. */
    private static Response accumulate(OpenAIClient client, ResponseCreateParams params) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.response();
    }

    /** openai-java does not throw for {@code response.failed}: the accumulated response says it failed. */
    private static void failedStream(OpenAIClient client) {
        Response response = accumulate(client, OpenAiJavaResponseRequests.text());
        if (!response.status().map(ResponseStatus.FAILED::equals).orElse(false)) {
            throw new IllegalStateException("the stream should have failed: " + response);
        }
        System.out.println("  expected failure: " + response.error().orElseThrow());
    }

    private static void drain(OpenAIClient client, ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> { });
        }
    }
}
