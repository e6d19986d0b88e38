package io.qwengateway.simulator;

import org.junit.jupiter.api.AfterEach;

/** Each test gets a simulator of its own on a free port, a client for it, and a valid access token. */
abstract class SimulatorTestBase {

    protected final QwenSimulator simulator = QwenSimulator.start();
    protected final TestHttp http = new TestHttp(simulator);
    /** An access token the simulator issued, as after a login. */
    protected final String token = simulator.oauth().issueCredentials().accessToken();

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }
}
