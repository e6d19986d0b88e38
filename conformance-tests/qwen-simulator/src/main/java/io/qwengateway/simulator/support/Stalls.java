package io.qwengateway.simulator.support;

import io.qwengateway.simulator.support.Monitors;

import java.time.Duration;

/**
 * Requests the simulator holds without a byte, as a frozen upstream (a {@code SIGSTOP}ped process, a hung worker)
 * holds them: the connection stays open and silent. A thaw lets every held request go on as if nothing had happened
 * ({@code SIGCONT}); a drop cuts their connections (the frozen process killed), which is what a reset does, so that a
 * request held by one test never writes into the next.
 */
public final class Stalls {

    private int held;
    private long thaws;
    private long drops;

    /** Blocks until the next thaw (true: go on) or drop (false: cut the connection), or until interrupted (false). */
    public synchronized boolean hold() {
        long thawsBefore = thaws;
        long dropsBefore = drops;
        held++;
        notifyAll();
        try {
            while (thaws == thawsBefore && drops == dropsBefore) {
                wait();
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            held--;
        }
        return drops == dropsBefore;
    }

    /** Every request held now goes on. */
    public synchronized void thawAll() {
        thaws++;
        notifyAll();
    }

    /** Every request held now has its connection cut. */
    public synchronized void dropAll() {
        drops++;
        notifyAll();
    }

    public synchronized int held() {
        return held;
    }

    /** Waits until at least {@code count} requests are held; false on timeout. */
    public synchronized boolean awaitHeld(int count, Duration timeout) throws InterruptedException {
        return Monitors.awaitCondition(this, () -> held >= count, timeout);
    }
}
