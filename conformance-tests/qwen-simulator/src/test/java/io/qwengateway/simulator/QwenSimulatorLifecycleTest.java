package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QwenSimulatorLifecycleTest {

    @Test
    void startsOnTheRequestedPortAndNamesItInTheBaseUrl() throws IOException {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }

        try (QwenSimulator simulator = QwenSimulator.start(SimulatorOptions.defaults().withPort(freePort))) {
            assertEquals("http://127.0.0.1:" + freePort, simulator.baseUrl());
            assertEquals(200, new TestHttp(simulator).get("/__sim/stats").statusCode());
        }
    }

    @Test
    void aTakenPortIsReportedClearly() {
        try (QwenSimulator first = QwenSimulator.start()) {
            int taken = URI.create(first.baseUrl()).getPort();

            UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                    () -> QwenSimulator.start(SimulatorOptions.defaults().withPort(taken)));

            assertTrue(failure.getMessage().contains(Integer.toString(taken)), failure.getMessage());
        }
    }

    @Test
    void closedSimulatorRefusesConnectionsAndClosingAgainIsHarmless() {
        QwenSimulator simulator = QwenSimulator.start();
        URI uri = URI.create(simulator.baseUrl());

        simulator.close();
        simulator.close();

        assertThrows(IOException.class, () -> new Socket(uri.getHost(), uri.getPort()).close());
    }
}
