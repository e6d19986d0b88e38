package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.RefreshOutcome;
import io.qwengateway.simulator.support.Stalls;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What tests program about the refresh grant (the outcome of the next calls, a delay that widens race windows, calls
 * held until released) and what the simulator observed of it (how many calls arrived).
 */
public final class RefreshScript {

    private final Deque<RefreshOutcome> outcomes = new ArrayDeque<>();
    private Duration delay = Duration.ZERO;
    private int calls;
    private int callsToHold;
    /** Not guarded by this object's monitor: a held call waits on the stalls' own, so counting goes on meanwhile. */
    private final Stalls held = new Stalls();

    public synchronized void enqueue(List<RefreshOutcome> next) {
        outcomes.addAll(next);
    }

    /** The outcome for the call being answered; an empty script means a normal rotation. */
    synchronized RefreshOutcome nextOutcome() {
        RefreshOutcome next = outcomes.pollFirst();
        return next == null ? RefreshOutcome.SUCCESS : next;
    }

    public synchronized void setDelay(Duration newDelay) {
        if (newDelay.isNegative()) {
            throw new IllegalArgumentException("refresh delay must not be negative, was " + newDelay);
        }
        delay = newDelay;
    }

    synchronized Duration delay() {
        return delay;
    }

    synchronized void countCall() {
        calls++;
    }

    public synchronized int calls() {
        return calls;
    }

    /**
     * The next {@code count} calls are held before the server has looked at them (as by a worker that hangs before it
     * reaches the token store), until {@link #releaseHeld()}: a call released later is then answered as it would be
     * at that moment, so the refresh token it carries may have been rotated away by another call meanwhile.
     */
    public synchronized void holdNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("calls to hold must not be negative, was " + count);
        }
        callsToHold = count;
    }

    /** Blocks this call if it is one to hold; false when it was dropped (a reset, the simulator closing). */
    boolean holdIfScripted() {
        synchronized (this) {
            if (callsToHold == 0) {
                return true;
            }
            callsToHold--;
        }
        return held.hold();
    }

    public int heldCalls() {
        return held.held();
    }

    public boolean awaitHeld(int count, Duration timeout) throws InterruptedException {
        return held.awaitHeld(count, timeout);
    }

    /** Every held call goes on. */
    public void releaseHeld() {
        held.thawAll();
    }

    public synchronized void clear() {
        outcomes.clear();
        delay = Duration.ZERO;
        calls = 0;
        callsToHold = 0;
        held.dropAll();
    }
}
