package io.qwengateway.conformance.harness;

import org.junit.jupiter.api.BeforeEach;

import io.qwengateway.simulator.QwenSimulator;

/**
 * Base of the tests that talk to the gateway process: each test starts from a reset simulator and fresh credentials.
 */
public abstract class ConformanceTest {

    protected static final ConformanceEnvironment environment = ConformanceEnvironment.get();
    protected static final QwenSimulator qwen = environment.simulator();

    @BeforeEach
    void freshLogin() {
        environment.freshLogin();
    }
}
