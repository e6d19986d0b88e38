package io.qwengateway.simulator.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on an object's monitor for a condition that its {@code notifyAll()} calls announce. */
public final class Monitors {

    private Monitors() {
    }

    /**
     * Waits until {@code condition} holds or {@code timeout} passes; the caller holds {@code monitor}'s lock.
     *
     * @return whether the condition holds
     */
    public static boolean awaitCondition(Object monitor, BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long remainingNanos = deadline - System.nanoTime();
            if (remainingNanos <= 0) {
                return false;
            }
            // rounded up: waking a fraction of a millisecond early would end the wait before the timeout
            monitor.wait((remainingNanos + 999_999) / 1_000_000);
        }
        return true;
    }
}
