package io.qwengateway.conformance.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.anthropic.client.AnthropicClient;

import io.qwengateway.conformance.clients.AnthropicJavaRequests;
import io.qwengateway.conformance.harness.ConformanceEnvironment;
import io.qwengateway.conformance.harness.ConformanceTest;
import tools.jackson.databind.JsonNode;

/** A live anthropic-java client on the gateway, response validation on and retries off, new for every test. */
abstract class AnthropicJavaTest extends ConformanceTest {

    protected AnthropicClient anthropic;

    @BeforeEach
    void openClient() {
        anthropic = AnthropicJavaRequests.client(environment.gatewayUrl(), ConformanceEnvironment.CLIENT_KEY);
    }

    @AfterEach
    void closeClient() {
        anthropic.close();
    }

    /** The chat request the gateway made of the client's last message request. */
    protected static JsonNode lastUpstreamRequest() {
        var requests = qwen.recordedRequests("/v1/chat/completions");
        return requests.get(requests.size() - 1).jsonBody();
    }
}
