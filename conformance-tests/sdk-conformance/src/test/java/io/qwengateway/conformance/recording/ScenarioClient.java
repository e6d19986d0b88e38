package io.qwengateway.conformance.recording;

import java.util.Set;

import io.qwengateway.conformance.scenarios.Scenario;

/** A real OpenAI client that the recorder drives through the scenarios it can express. */
public interface ScenarioClient {

    /** The folder of its recordings, e.g. {@code openai-java}. */
    String name();

    String version();

    /** What runs the client, e.g. {@code java 17.0.15} or {@code node v20.20.2}. */
    String runtime();

    Set<Scenario> scenarios();

    /**
     * Makes the calls of the scenario against {@code baseUrl} (ending in {@code /v1}) with {@code apiKey}. An error the
     * scenario provokes is expected and swallowed; any other failure is thrown.
     */
    void run(Scenario scenario, String baseUrl, String apiKey) throws Exception;
}
