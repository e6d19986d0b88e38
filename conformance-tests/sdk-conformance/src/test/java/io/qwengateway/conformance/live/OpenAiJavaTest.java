package io.qwengateway.conformance.live;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.openai.client.OpenAIClient;

import io.qwengateway.conformance.clients.OpenAiJavaRequests;
import io.qwengateway.conformance.harness.ConformanceEnvironment;
import io.qwengateway.conformance.harness.ConformanceTest;

/** A live openai-java client on the gateway, response validation on and retries off, new for every test. */
abstract class OpenAiJavaTest extends ConformanceTest {

    protected OpenAIClient openai;

    @BeforeEach
    void openClient() {
        openai = OpenAiJavaRequests.client(environment.openAiBaseUrl(), ConformanceEnvironment.CLIENT_KEY);
    }

    @AfterEach
    void closeClient() {
        openai.close();
    }
}
