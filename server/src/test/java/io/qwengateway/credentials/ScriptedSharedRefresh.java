package io.qwengateway.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The cluster as a script, for the source's side of the lease protocol: what {@link #tryLease()} finds each time,
 * what the next {@link Lease#publish} answers, and what is published when. The Redis side has its own test.
 */
final class ScriptedSharedRefresh implements SharedRefresh {

    private final Queue<Supplier<Attempt>> attempts = new ConcurrentLinkedQueue<>();
    private final Queue<Publication> publications = new ConcurrentLinkedQueue<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<OAuthCredentials> published = new CopyOnWriteArrayList<>();
    private final List<Long> released = new ArrayList<>();
    private volatile FencedCredentials current;
    private long nextFence = 1;

    /** The next tryLease finds the lease free; its publish answers {@code publication}. */
    ScriptedSharedRefresh thenLease(Publication publication) {
        long fence = nextFence++;
        attempts.add(() -> Attempt.acquired(new ScriptedLease(fence)));
        publications.add(publication);
        return this;
    }

    ScriptedSharedRefresh thenHeldElsewhere(int times) {
        for (int i = 0; i < times; i++) {
            attempts.add(() -> Attempt.HELD_ELSEWHERE);
        }
        return this;
    }

    ScriptedSharedRefresh thenUnreachable(int times) {
        for (int i = 0; i < times; i++) {
            attempts.add(() -> Attempt.UNSHARED);
        }
        return this;
    }

    /**
     * Another replica publishes {@code credentials} under {@code fence}, and announces it; the listeners run on
     * another thread, as Redis's listener container runs them, and have finished when this returns.
     */
    void publishedElsewhere(long fence, OAuthCredentials credentials) {
        current = new FencedCredentials(fence, credentials);
        Thread announcement = new Thread(() -> listeners.forEach(Runnable::run), "announcement");
        announcement.start();
        try {
            announcement.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What this replica's leases published. */
    List<OAuthCredentials> publishedHere() {
        return published;
    }

    synchronized List<Long> released() {
        return List.copyOf(released);
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Optional<FencedCredentials> published() {
        return Optional.ofNullable(current);
    }

    @Override
    public Attempt tryLease() {
        Supplier<Attempt> next = attempts.poll();
        if (next == null) {
            throw new AssertionError("unexpected tryLease");
        }
        return next.get();
    }

    @Override
    public void onPublished(Runnable listener) {
        listeners.add(listener);
    }

    private final class ScriptedLease implements Lease {

        private final long fence;

        ScriptedLease(long fence) {
            this.fence = fence;
        }

        @Override
        public long fence() {
            return fence;
        }

        @Override
        public Publication publish(OAuthCredentials refreshed) {
            Publication answer = publications.remove();
            if (answer == Publication.PUBLISHED) {
                published.add(refreshed);
                current = new FencedCredentials(fence, refreshed);
            }
            return answer;
        }

        @Override
        public void close() {
            synchronized (ScriptedSharedRefresh.this) {
                released.add(fence);
            }
        }
    }
}
