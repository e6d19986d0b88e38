package io.qwengateway.observe;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One daemon thread behind a bounded queue, for an observer's slow work (the console, a file): handing work over
 * never blocks, and work that finds the queue full is dropped and counted. The thread drains the queue every
 * {@value #DRAIN_MILLIS} ms rather than being woken for each piece: waking a thread per request costs the request
 * path a system call and the request threads a core's share, for work that a person reads a moment later anyway.
 * Hand-written because none of the JDK's executors is bounded, non-blocking and batching at once.
 */
public final class BackgroundQueue implements AutoCloseable {

    static final long DRAIN_MILLIS = 20;

    private final BlockingQueue<Runnable> queue;
    private final ScheduledExecutorService thread;
    private final LongAdder dropped = new LongAdder();

    public BackgroundQueue(String name, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread worker = new Thread(runnable, name);
            worker.setDaemon(true);
            return worker;
        });
        thread.scheduleWithFixedDelay(this::drain, DRAIN_MILLIS, DRAIN_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Queues {@code work}; false (and counted) when the queue is full. */
    public boolean offer(Runnable work) {
        if (queue.offer(work)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    private void drain() {
        Runnable work;
        while ((work = queue.poll()) != null) {
            try {
                work.run();
            } catch (RuntimeException e) {
                // An observer's own failure: it logs what it can; the next piece of work still runs.
            }
        }
    }

    public long dropped() {
        return dropped.sum();
    }

    /** Stops the thread, then does what is still queued (the gateway is stopping: nothing waits for it). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drain();
    }
}
