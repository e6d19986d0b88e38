package io.qwengateway.streaming;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The timer of one stream, for its two silences: a heartbeat is due {@code heartbeat} after the last write to the
 * client, and the stream is given up {@code idle} after the upstream's last event.
 *
 * <p>One one-shot task per stream at a time, rescheduled for whichever is due first. A heartbeat thus comes one
 * interval after the last write (a fixed-rate task that skips when the last write was recent lets a silence last
 * almost two intervals), and a busy stream costs one wake-up per interval rather than one per event: writes and events
 * only record their time. A wake-up looks at two timestamps on the shared scheduler thread; the heartbeat write and
 * the abort run on a worker, so one client that stopped reading cannot hold up the timers of all other streams.
 */
final class StreamWatchdog {

    /** What the watchdog does to its stream. */
    interface Actions {
        /** Write a heartbeat now (on a worker thread). */
        void heartbeat();

        /** The upstream was silent for the idle limit: end the stream (on a worker thread). */
        void upstreamIdle();
    }

    private final ScheduledExecutorService scheduler;
    private final Executor workers;
    private final long heartbeatNanos;
    /** Zero: no idle limit. */
    private final long idleNanos;
    private final LongSupplier clock;
    private final Actions actions;
    private final AtomicBoolean heartbeatInFlight = new AtomicBoolean();
    private volatile long lastWriteNanos;
    private volatile long lastEventNanos;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> wakeUp;

    StreamWatchdog(ScheduledExecutorService scheduler, Executor workers, long heartbeatNanos, long idleNanos,
            LongSupplier clock, Actions actions) {
        this.scheduler = scheduler;
        this.workers = workers;
        this.heartbeatNanos = heartbeatNanos;
        this.idleNanos = idleNanos;
        this.clock = clock;
        this.actions = actions;
    }

    /** Both silences start now. */
    void start() {
        long now = clock.getAsLong();
        lastWriteNanos = now;
        lastEventNanos = now;
        scheduleIn(idleNanos > 0 ? Math.min(heartbeatNanos, idleNanos) : heartbeatNanos);
    }

    /** Something reached the client. */
    void wrote() {
        lastWriteNanos = clock.getAsLong();
    }

    /** An event came from the upstream. */
    void upstreamEvent() {
        lastEventNanos = clock.getAsLong();
    }

    /** The stream is over: no more wake-ups. */
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = wakeUp;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** Runs on the scheduler thread: decides, hands any action to a worker, and schedules the next wake-up. */
    void wake() {
        if (stopped) {
            return;
        }
        long now = clock.getAsLong();
        if (idleNanos > 0 && now - lastEventNanos >= idleNanos) {
            stopped = true;
            dispatch(actions::upstreamIdle);
            return;
        }
        long untilHeartbeat = heartbeatNanos - (now - lastWriteNanos);
        if (untilHeartbeat <= 0) {
            // One at a time: a heartbeat still blocked on a client that stopped reading is not joined by more.
            if (heartbeatInFlight.compareAndSet(false, true)) {
                lastWriteNanos = now; // counted from now: the write follows at once
                dispatch(() -> {
                    try {
                        actions.heartbeat();
                    } finally {
                        heartbeatInFlight.set(false);
                    }
                });
            }
            untilHeartbeat = heartbeatNanos;
        }
        scheduleIn(idleNanos > 0 ? Math.min(untilHeartbeat, idleNanos - (now - lastEventNanos)) : untilHeartbeat);
    }

    /** Differences of {@code nanoTime} values only: the values themselves may overflow. */
    private void scheduleIn(long delayNanos) {
        try {
            ScheduledFuture<?> next = scheduler.schedule(this::wake, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
            wakeUp = next;
            if (stopped) {
                next.cancel(false); // stopped while this was being scheduled
            }
        } catch (RejectedExecutionException shuttingDown) {
            stopped = true;
        }
    }

    private void dispatch(Runnable action) {
        try {
            workers.execute(action);
        } catch (RejectedExecutionException shuttingDown) {
            stopped = true;
        }
    }
}
