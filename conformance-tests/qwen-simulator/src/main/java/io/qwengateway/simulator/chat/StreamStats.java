package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.support.Monitors;

import java.time.Duration;

/** Streams in flight, and streams whose client went away before the end: what client-abort tests wait for. */
public final class StreamStats {

    private int active;
    private int cancelled;

    synchronized void opened() {
        active++;
    }

    synchronized void closed() {
        active--;
    }

    synchronized void clientWentAway() {
        cancelled++;
        notifyAll();
    }

    public synchronized int active() {
        return active;
    }

    public synchronized int cancelled() {
        return cancelled;
    }

    /** Waits until at least {@code count} streams were cancelled; false on timeout. */
    public synchronized boolean awaitCancelled(int count, Duration timeout) throws InterruptedException {
        return Monitors.awaitCondition(this, () -> cancelled >= count, timeout);
    }

    /** Forgets cancellations; streams in flight are still in flight, so {@link #active()} is kept. */
    public synchronized void resetCancelled() {
        cancelled = 0;
    }
}
