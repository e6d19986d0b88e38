package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.RefreshOutcome;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What tests program about the refresh grant (the outcome of the next calls, a delay that widens race windows) and
 * what the simulator observed of it (how many calls arrived).
 */
public final class RefreshScript {

    private final Deque<RefreshOutcome> outcomes = new ArrayDeque<>();
    private Duration delay = Duration.ZERO;
    private int calls;

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

    public synchronized void clear() {
        outcomes.clear();
        delay = Duration.ZERO;
        calls = 0;
    }
}
