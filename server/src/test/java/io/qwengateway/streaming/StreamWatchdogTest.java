package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The watchdog's decisions on a clock moved by hand: when it wakes, and what it does then. Times are in milliseconds
 * here, nanoseconds inside.
 */
class StreamWatchdogTest {

    private static final long MS = 1_000_000;

    private long now;
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<Runnable> workerQueue = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();

    private StreamWatchdog watchdog(long heartbeatMs, long idleMs) {
        return new StreamWatchdog(scheduler, workerQueue::add, heartbeatMs * MS, idleMs * MS, () -> now,
                new StreamWatchdog.Actions() {
                    @Override
                    public void heartbeat() {
                        actions.add("heartbeat@" + now / MS);
                    }

                    @Override
                    public void upstreamIdle() {
                        actions.add("idle@" + now / MS);
                    }
                });
    }

    /** Moves the clock to the pending wake-up, runs it, then runs what it handed to the workers. */
    private void wakeUp() {
        now = scheduler.dueNanos;
        Runnable wake = scheduler.take();
        wake.run();
        List<Runnable> work = List.copyOf(workerQueue);
        workerQueue.clear();
        work.forEach(Runnable::run);
    }

    private void at(long ms) {
        now = ms * MS;
    }

    @Test
    void aHeartbeatComesOneIntervalAfterTheLastWriteNotAfterTheLastWakeUp() {
        StreamWatchdog watchdog = watchdog(1000, 0);
        watchdog.start();
        at(600);
        watchdog.wrote();

        wakeUp(); // at 1000: the write at 600 was 400 ms ago
        assertThat(actions).isEmpty();
        assertThat(scheduler.delayNanos).isEqualTo(600 * MS);

        wakeUp();
        assertThat(actions).containsExactly("heartbeat@1600");
        assertThat(scheduler.delayNanos).isEqualTo(1000 * MS);

        wakeUp();
        assertThat(actions).containsExactly("heartbeat@1600", "heartbeat@2600");
    }

    @Test
    void aBusyStreamCostsOneWakeUpPerIntervalWhateverItsEventRate() {
        StreamWatchdog watchdog = watchdog(1000, 0);
        watchdog.start();
        for (int ms = 10; ms < 1000; ms += 10) {
            at(ms);
            watchdog.wrote();
        }

        assertThat(scheduler.scheduled).isEqualTo(1);
        wakeUp();
        assertThat(actions).isEmpty();
        assertThat(scheduler.scheduled).isEqualTo(2);
    }

    @Test
    void anUpstreamSilentForTheIdleLimitEndsTheStreamAndTheTimerStops() {
        StreamWatchdog watchdog = watchdog(1000, 2500);
        watchdog.start();
        at(500);
        watchdog.upstreamEvent();
        watchdog.wrote();

        wakeUp(); // 1000: the write at 500 was recent
        wakeUp(); // 1500: heartbeat
        wakeUp(); // 2500: heartbeat
        assertThat(scheduler.delayNanos).as("the idle limit comes before the next heartbeat").isEqualTo(500 * MS);
        wakeUp(); // 3000: 2500 ms after the last event

        assertThat(actions).containsExactly("heartbeat@1500", "heartbeat@2500", "idle@3000");
        assertThat(scheduler.pending).isNull();
    }

    @Test
    void heartbeatsAloneDoNotCountAsUpstreamActivity() {
        StreamWatchdog watchdog = watchdog(100, 250);
        watchdog.start();

        wakeUp();
        wakeUp();
        wakeUp();

        assertThat(actions).containsExactly("heartbeat@100", "heartbeat@200", "idle@250");
    }

    @Test
    void aHeartbeatStillBlockedOnItsClientIsNotJoinedByMoreAndTheTimerDoesNotSpin() {
        StreamWatchdog watchdog = watchdog(1000, 0);
        watchdog.start();

        now = scheduler.dueNanos;
        scheduler.take().run(); // dispatched, but the worker does not run it: blocked
        now = scheduler.dueNanos;
        scheduler.take().run();

        assertThat(workerQueue).hasSize(1);
        assertThat(scheduler.delayNanos).isEqualTo(1000 * MS);
    }

    @Test
    void aStoppedStreamIsNotWokenAgain() {
        StreamWatchdog watchdog = watchdog(1000, 5000);
        watchdog.start();

        watchdog.stop();

        assertThat(scheduler.cancelled).isTrue();
        Runnable late = scheduler.take();
        late.run(); // a wake-up that was already running when the stream stopped
        assertThat(workerQueue).isEmpty();
        assertThat(scheduler.pending).isNull();
    }

    /** Records the one pending wake-up, and when it is due on the test's clock, instead of running it. */
    private final class ManualScheduler extends ScheduledThreadPoolExecutor {

        private Runnable pending;
        private long delayNanos;
        private long dueNanos;
        private int scheduled;
        private boolean cancelled;

        ManualScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            assertThat(pending).as("one wake-up at a time").isNull();
            pending = command;
            delayNanos = unit.toNanos(delay);
            dueNanos = now + delayNanos;
            scheduled++;
            return new Pending();
        }

        Runnable take() {
            Runnable next = pending;
            assertThat(next).as("a pending wake-up").isNotNull();
            pending = null;
            return next;
        }

        private final class Pending implements ScheduledFuture<Object> {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                cancelled = true;
                return true;
            }

            @Override
            public long getDelay(TimeUnit unit) {
                return unit.convert(delayNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public int compareTo(Delayed other) {
                return 0;
            }

            @Override
            public boolean isCancelled() {
                return cancelled;
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public Object get() {
                return null;
            }

            @Override
            public Object get(long timeout, TimeUnit unit) {
                return null;
            }
        }
    }
}
