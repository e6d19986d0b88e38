package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client that leaves in the middle of a stream is noticed, counted, and costs the simulator nothing more. */
class StreamCancellationTest extends SimulatorTestBase {

    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void clientThatHangsUpMidStreamIsCountedAsCancelledAndItsStreamStops() throws Exception {
        simulator.enqueueChat(ChatBehaviour.slowStream(500, Duration.ofMillis(20)));

        try (RawStream stream = RawStream.open(simulator, token, ChatRequests.streamedUserSays("hi"))) {
            stream.awaitEvents(3);
            assertEquals(1, simulator.activeStreams());
        }

        assertTrue(simulator.awaitCancelledStreams(1, Duration.ofSeconds(5)));
        assertTrue(eventually(() -> simulator.activeStreams() == 0),
                "the stream's thread is released long before its 10 s of chunks");
        assertEquals(1, simulator.cancelledStreams());
    }

    @Test
    void streamsThatFinishAreNotCountedAsCancelledAndNoLongerActive() {
        http.chat(token, ChatRequests.streamedUserSays("hi"));
        http.chat(token, ChatRequests.streamedWithUsage("hi"));

        assertEquals(0, simulator.cancelledStreams());
        assertEquals(0, simulator.activeStreams(), "over as soon as the client has read the end");
    }

    @Test
    void awaitCancelledStreamsGivesUpAfterTheTimeout() {
        long start = System.nanoTime();

        boolean cancelled = simulator.awaitCancelledStreams(1, Duration.ofMillis(100));

        assertFalse(cancelled);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 100);
    }
}
