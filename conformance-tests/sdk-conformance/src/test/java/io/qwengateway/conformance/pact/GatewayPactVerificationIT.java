package io.qwengateway.conformance.pact;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import org.apache.hc.client5.http.impl.classic.HttpClients;

import au.com.dius.pact.provider.IHttpClientFactory;
import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.qwengateway.conformance.harness.ConformanceEnvironment;
import io.qwengateway.simulator.ChatBehaviour;

/**
 * Verifies the gateway process against the pacts in {@code src/test/resources/pacts}: what the OpenAI SDKs and the
 * Anthropic SDKs expect of the non-streaming endpoints and of their error envelopes. Each provider state programs the simulated Qwen from
 * scratch (reset, fresh credentials written where the gateway reads them, behaviours queued).
 */
@Provider("qwen-gateway")
@PactFolder("pacts")
class GatewayPactVerificationIT {

    private static final ConformanceEnvironment environment = ConformanceEnvironment.get();

    /**
     * Pact's default HTTP client (Apache HttpClient 5) silently repeats a request answered 429 or 503 after a second,
     * POSTs included: the 429 interaction would then verify the answer to its retry. One request per interaction.
     */
    @BeforeEach
    void target(PactVerificationContext context) {
        URI gateway = URI.create(environment.gatewayUrl());
        IHttpClientFactory noRetries = provider -> HttpClients.custom().disableAutomaticRetries().build();
        context.setTarget(new HttpTestTarget(gateway.getHost(), gateway.getPort(), "/", () -> noRetries));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void gatewayHonoursTheSdkPact(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State({"Qwen answers normally", "the gateway serves its model catalogue", "the gateway has valid Qwen credentials"})
    void qwenAnswersNormally() {
        environment.freshLogin();
    }

    @State("Qwen's daily quota is spent")
    void quotaSpent() {
        environment.freshLogin();
        environment.simulator().enqueueChat(ChatBehaviour.quotaExceeded429());
    }

    /** Unavailable on every send the gateway makes ({@code gateway.upstream.max-sends}). */
    @State("Qwen is unavailable")
    void unavailable() {
        environment.freshLogin();
        environment.simulator().enqueueChat(ChatBehaviour.serviceUnavailable503(),
                ChatBehaviour.serviceUnavailable503(), ChatBehaviour.serviceUnavailable503());
    }

    @State("Qwen finds the context too long")
    void contextTooLong() {
        environment.freshLogin();
        environment.simulator().enqueueChat(ChatBehaviour.contextTooLong400());
    }
}
