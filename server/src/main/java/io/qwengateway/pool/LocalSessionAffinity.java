package io.qwengateway.pool;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Session affinity in this process: a Caffeine cache, entries dropped after {@code ttl} unused, at most {@code maxEntries}. */
public final class LocalSessionAffinity implements SessionAffinity {

    private final Cache<String, String> sessions;

    public LocalSessionAffinity(Duration ttl, int maxEntries) {
        this.sessions = Caffeine.newBuilder().expireAfterAccess(ttl).maximumSize(maxEntries).build();
    }

    @Override
    public String upstreamFor(String key) {
        return sessions.getIfPresent(key);
    }

    @Override
    public void remember(String key, String upstream) {
        sessions.put(key, upstream);
    }
}
