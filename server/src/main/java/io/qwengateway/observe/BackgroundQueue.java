package io.qwengateway.observe;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One daemon thread behind a bounded queue, for an observer's slow work (the console, a file, a database): handing
 * work over never blocks, and work that finds the queue full is dropped and counted. Hand-written over a
 * {@link ThreadPoolExecutor} because none of the JDK's ready-made executors is both bounded and non-blocking.
 */
public final class BackgroundQueue implements AutoCloseable {

    private final String name;
    private final ThreadPoolExecutor executor;
    private final LongAdder dropped = new LongAdder();

    public BackgroundQueue(String name, int capacity) {
        this.name = name;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                runnable -> {
                    Thread thread = new Thread(runnable, name);
                    thread.setDaemon(true);
                    return thread;
                }, (task, pool) -> dropped.increment());
    }

    /** Queues {@code work}; false (and counted) when the queue is full or closed. */
    public boolean offer(Runnable work) {
        long before = dropped.sum();
        executor.execute(work);
        return dropped.sum() == before;
    }

    public String name() {
        return name;
    }

    public long dropped() {
        return dropped.sum();
    }

    /** Finishes what is queued (a few seconds at most), then stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
