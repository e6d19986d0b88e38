package io.qwengateway.conformance.recording;

import java.util.EnumSet;
import java.util.Set;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import io.qwengateway.conformance.clients.OpenAiJavaRequests;
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
        return EnumSet.allOf(Scenario.class);
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
            }
        } finally {
            client.close();
        }
    }

    private static void drain(OpenAIClient client, ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> { });
        }
    }
}
