package io.qwengateway.conformance.recording;

import java.util.Set;

import com.anthropic.client.AnthropicClient;

import io.qwengateway.conformance.clients.AnthropicJavaRequests;
import io.qwengateway.conformance.clients.ScenarioInputs;
import io.qwengateway.conformance.scenarios.Scenario;

/** com.anthropic:anthropic-java, the official Java SDK for Anthropic's API. */
final class AnthropicJavaClient implements ScenarioClient {

    @Override
    public String name() {
        return "anthropic-java";
    }

    @Override
    public String version() {
        return System.getProperty("anthropic-java.version", "unknown");
    }

    @Override
    public String runtime() {
        return "java " + System.getProperty("java.version");
    }

    @Override
    public Set<Scenario> scenarios() {
        return Scenario.of(Scenario.Group.MESSAGES);
    }

    @Override
    public void run(Scenario scenario, String baseUrl, String apiKey) {
        String root = AnthropicApi.root(baseUrl);
        AnthropicClient client = AnthropicJavaRequests.client(root, apiKey);
        try {
            switch (scenario) {
                case MESSAGES -> client.messages().create(AnthropicJavaRequests.text());
                case MESSAGES_STREAM -> AnthropicJavaRequests.accumulate(client, AnthropicJavaRequests.text());
                case MESSAGES_TOOLS -> client.messages().create(AnthropicJavaRequests.weatherResult(
                        client.messages().create(AnthropicJavaRequests.weatherQuestion())));
                case MESSAGES_TOOLS_STREAM -> AnthropicJavaRequests.accumulate(client, AnthropicJavaRequests
                        .weatherResult(AnthropicJavaRequests.accumulate(client,
                                AnthropicJavaRequests.weatherQuestion())));
                case MESSAGES_THINKING -> AnthropicJavaRequests.accumulate(client, AnthropicJavaRequests.thinking());
                case MESSAGES_STOP_SEQUENCE -> client.messages().create(AnthropicJavaRequests.stopSequence());
                case MESSAGES_COUNT_TOKENS -> client.messages().countTokens(AnthropicJavaRequests.countTokens());
                case MESSAGES_MODELS -> client.models().list();
                case MESSAGES_ERROR_INVALID_KEY -> ExpectedFailure.of(() -> {
                    AnthropicClient stranger = AnthropicJavaRequests.client(root, ScenarioInputs.WRONG_KEY);
                    try {
                        stranger.messages().create(AnthropicJavaRequests.text());
                    } finally {
                        stranger.close();
                    }
                });
                case MESSAGES_ERROR_NOT_FOUND -> ExpectedFailure.of(() -> client.models()
                        .retrieve(ScenarioInputs.UNKNOWN_MODEL));
                case MESSAGES_ERROR_QUOTA_STREAM, MESSAGES_ERROR_MID_STREAM -> ExpectedFailure.of(() ->
                        AnthropicJavaRequests.accumulate(client, AnthropicJavaRequests.text()));
                case MESSAGES_ERROR_CONTEXT_LENGTH, MESSAGES_ERROR_OVERLOADED -> ExpectedFailure.of(() ->
                        client.messages().create(AnthropicJavaRequests.text()));
                default -> throw new IllegalArgumentException(scenario + " is not expressible with anthropic-java");
            }
        } finally {
            client.close();
        }
    }
}
