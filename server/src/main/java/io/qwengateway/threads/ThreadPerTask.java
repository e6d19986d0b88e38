package io.qwengateway.threads;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * An executor that runs each task on a thread of its own at once: a virtual thread on Java 21+, a pooled platform
 * thread on Java 17 (never a bounded pool, which would queue tasks that block behind each other). For work that
 * waits (a stream's relay) or that must not wait behind other work (a count beside an upstream call).
 */
public final class ThreadPerTask {

    private ThreadPerTask() {
    }

    /** @param prefix the threads' names, followed by a number */
    public static Executor named(String prefix) {
        if (Runtime.version().feature() >= 21) {
            // Spring starts them through Thread.ofVirtual() where the JDK has it; the gateway compiles for Java 17.
            SimpleAsyncTaskExecutor virtual = new SimpleAsyncTaskExecutor(prefix);
            virtual.setVirtualThreads(true);
            return virtual;
        }
        CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
        threads.setDaemon(true);
        return Executors.newCachedThreadPool(threads);
    }
}
