package io.qwengateway.pool;

/**
 * Which upstream served a session last, so that its next request goes there too (Qwen caches the context per
 * account). Entries expire and their number is bounded. Safe for concurrent use.
 */
public interface SessionAffinity extends AutoCloseable {

    /** The upstream that last served {@code key}, or null. */
    String upstreamFor(String key);

    void remember(String key, String upstream);

    @Override
    default void close() {
    }
}
