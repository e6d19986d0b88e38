package io.qwengateway.simulator.support;

import io.qwengateway.simulator.http.ConnectionAbort;

import java.time.Duration;

/** Sleeps on a handler thread; an interrupt (the simulator is closing) drops the connection rather than answer late. */
public final class Delays {

    private Delays() {
    }

    public static void pause(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionAbort("simulator is shutting down");
        }
    }
}
