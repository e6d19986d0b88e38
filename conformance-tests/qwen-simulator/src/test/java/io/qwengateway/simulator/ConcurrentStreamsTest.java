package io.qwengateway.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator holds hundreds of long-lived streams at once, as a gateway benchmark needs, and lets them go. */
class ConcurrentStreamsTest {

    private static final int STREAMS = 300;

    private final QwenSimulator simulator = QwenSimulator.start(SimulatorOptions.defaults().withAcceptAnyBearer(true));

    @AfterEach
    void close() {
        simulator.close();
    }

    @Test
    void threeHundredLongStreamsRunAtOnceAndAreAllCancelledWhenTheirClientsLeave() throws Exception {
        for (int i = 0; i < STREAMS; i++) {
            simulator.enqueueChat(ChatBehaviour.slowStream(1_000, Duration.ofMillis(500)));
        }
        List<RawStream> clients = new ArrayList<>();
        try {
            for (int i = 0; i < STREAMS; i++) {
                clients.add(RawStream.open(simulator, "benchmark", ChatRequests.streamedUserSays("load " + i)));
            }
            for (RawStream client : clients) {
                client.awaitEvents(1);
            }

            assertEquals(STREAMS, simulator.activeStreams(), "every stream is being written at the same time");
        } finally {
            for (RawStream client : clients) {
                client.close();
            }
        }

        assertTrue(simulator.awaitCancelledStreams(STREAMS, Duration.ofSeconds(10)));
        assertTrue(StreamCancellationTest.eventually(() -> simulator.activeStreams() == 0));
    }

    @Test
    void manyConcurrentStreamsAllFinishWithDone() throws IOException, InterruptedException {
        List<RawStream> clients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clients.add(RawStream.open(simulator, "benchmark", ChatRequests.streamedUserSays("burst " + i)));
        }
        for (RawStream client : clients) {
            String wire = client.readToEnd();
            assertTrue(wire.contains("data: [DONE]\n\n"), wire);
            assertTrue(wire.endsWith("0\r\n\r\n"), "the chunked body is complete");
            client.close();
        }
        assertTrue(StreamCancellationTest.eventually(() -> simulator.activeStreams() == 0));
        assertEquals(0, simulator.cancelledStreams());
    }
}
