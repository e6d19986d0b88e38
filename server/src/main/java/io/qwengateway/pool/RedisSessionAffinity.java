package io.qwengateway.pool;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.core.script.DefaultRedisScript;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.qwengateway.cluster.SharedState;

/**
 * Session affinity shared by every replica: a session served by one replica goes to the same upstream through any
 * other. Each session is a Redis string (its key hashed: a client's session ids and user ids never reach Redis) that
 * expires {@code ttl} after its last use, and an index by last use that keeps at most {@code max-entries} of them.
 *
 * <p>On the request path: one round trip to read a session's upstream (a script that also renews its TTL), none for
 * the second look at the same session within {@code shared-refresh} (the pool looks twice per request), and none to
 * write: a moved session is written by a thread of its own. The replica keeps its own copy too
 * ({@link LocalSessionAffinity}), which answers while Redis cannot be used and for sessions Redis does not know.
 */
public final class RedisSessionAffinity implements SessionAffinity {

    /** The session's upstream, its TTL renewed and its use recorded in the index. */
    private static final DefaultRedisScript<String> READ = new DefaultRedisScript<>("""
            local upstream = redis.call('GET', KEYS[1])
            if upstream then
              local time = redis.call('TIME')
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              redis.call('ZADD', KEYS[2], time[1] * 1000 + math.floor(time[2] / 1000), ARGV[2])
            end
            return upstream
            """, String.class);

    /** Sets the session's upstream, then forgets index entries past the TTL and the least recently used past the cap. */
    private static final DefaultRedisScript<Long> WRITE = new DefaultRedisScript<>("""
            local ttl, cap, id, prefix = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5]
            local time = redis.call('TIME')
            local now = time[1] * 1000 + math.floor(time[2] / 1000)
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
            redis.call('ZADD', KEYS[2], now, id)
            redis.call('PEXPIRE', KEYS[2], ttl)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ttl)
            local over = redis.call('ZCARD', KEYS[2]) - cap
            if over > 0 then
              for _, victim in ipairs(redis.call('ZRANGE', KEYS[2], 0, over - 1)) do
                redis.call('DEL', prefix .. victim)
              end
              redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
            end
            return over
            """, Long.class);

    private static final String NONE = "";

    private final SharedState redis;
    private final SessionAffinity local;
    private final String ttlMillis;
    private final String maxEntries;
    private final String prefix;
    private final String index;
    /** What Redis said lately, by session key ({@link #NONE}: nothing): the pool's second look costs no round trip. */
    private final Cache<String, String> recent;
    private final ThreadPoolExecutor writer;

    public RedisSessionAffinity(SharedState redis, SessionAffinity local, PoolProperties.Affinity settings,
            Duration trust) {
        this.redis = redis;
        this.local = local;
        this.ttlMillis = Long.toString(Math.max(1, settings.ttl().toMillis()));
        this.maxEntries = Integer.toString(settings.maxEntries());
        this.prefix = redis.key("pool:affinity:");
        this.index = redis.key("pool:affinity-index");
        this.recent = Caffeine.newBuilder().expireAfterWrite(trust).maximumSize(settings.maxEntries()).build();
        // One writer, a bounded queue, the oldest write dropped when it is full: affinity is a hint, never a wait.
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024),
                runnable -> {
                    Thread thread = new Thread(runnable, "pool-affinity-writer");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardOldestPolicy());
        redis.uses("session affinity");
    }

    @Override
    public String upstreamFor(String key) {
        String known = recent.getIfPresent(key);
        if (known != null) {
            return known.equals(NONE) ? null : known;
        }
        String id = id(key);
        Optional<String> shared = redis.call(template -> Optional.ofNullable(
                template.execute(READ, List.of(prefix + id, index), ttlMillis, id)), () -> null);
        if (shared == null) {
            return local.upstreamFor(key); // Redis cannot be used now
        }
        String upstream = shared.orElseGet(() -> local.upstreamFor(key));
        recent.put(key, upstream == null ? NONE : upstream);
        return upstream;
    }

    @Override
    public void remember(String key, String upstream) {
        local.remember(key, upstream);
        recent.put(key, upstream);
        String id = id(key);
        writer.execute(() -> redis.call(template -> template.execute(WRITE, List.of(prefix + id, index), upstream,
                ttlMillis, maxEntries, id, prefix), () -> null));
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The session key as Redis sees it: 128 bits of its SHA-256, so any key has the same short, opaque form. */
    static String id(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
