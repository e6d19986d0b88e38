package io.qwengateway.pool;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.data.redis.core.script.DefaultRedisScript;

import io.qwengateway.cluster.SharedState;

/**
 * The {@code rpm} limits counted for the whole cluster: each limited upstream has a sliding window in Redis (a
 * sorted set of the last minute's permits), checked and taken in one script on Redis's own clock, so that replicas
 * together send an upstream at most its {@code rpm} in any 60 seconds, whatever their clocks say. One round trip per
 * limited upstream a request tries; none for an upstream without a limit.
 *
 * <p>While Redis cannot be used, each replica counts alone ({@link LocalRateLimits}): the cluster may then send up to
 * {@code rpm} per replica, and the window in Redis starts again from what it holds when Redis is back.
 */
public final class RedisRateLimits implements RateLimits {

    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

    /**
     * Forgets the permits older than the window, then takes one (ARGV[3] = 1) if fewer than the limit are left:
     * answers 0 when one is free (and taken), else the milliseconds until the oldest leaves the window.
     */
    private static final DefaultRedisScript<Long> PERMIT = new DefaultRedisScript<>("""
            local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = time[1] * 1000 + math.floor(time[2] / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
            if redis.call('ZCARD', KEYS[1]) < limit then
              if ARGV[3] == '1' then
                redis.call('ZADD', KEYS[1], now, ARGV[4])
                redis.call('PEXPIRE', KEYS[1], window)
              end
              return 0
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return math.max(1, tonumber(oldest[2]) + window - now)
            """, Long.class);

    private final SharedState redis;
    private final RateLimits local;
    private final Duration maxWait;
    private final Map<String, String> limits = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    /** Makes each permit a distinct member of the window, across replicas too. */
    private final String replica = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong permits = new AtomicLong();

    /**
     * @param local         the limits this replica counts alone, while Redis cannot be used
     * @param rpmByUpstream requests per minute by upstream name; 0 or absent for no limit
     * @param maxWait       the longest a request waits for a permit when every candidate is at its limit
     */
    public RedisRateLimits(SharedState redis, RateLimits local, Map<String, Integer> rpmByUpstream, Duration maxWait) {
        this.redis = redis;
        this.local = local;
        this.maxWait = maxWait;
        rpmByUpstream.forEach((name, limit) -> {
            if (limit != null && limit > 0) {
                limits.put(name, Integer.toString(limit));
                keys.put(name, redis.key("pool:rpm:" + name));
            }
        });
        redis.uses("rpm limits");
    }

    @Override
    public boolean tryAcquire(String upstream) {
        if (!limits.containsKey(upstream)) {
            return true;
        }
        Long wait = permit(upstream, true);
        return wait == null ? local.tryAcquire(upstream) : wait == 0;
    }

    @Override
    public boolean acquireWaiting(String upstream) {
        if (!limits.containsKey(upstream)) {
            return true;
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Long wait = permit(upstream, true);
            if (wait == null) {
                return local.acquireWaiting(upstream);
            }
            if (wait == 0) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (Duration.ofMillis(wait).toNanos() > left) {
                return false; // not within the wait allowed, like the local limiter: no point waiting at all
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public Duration untilNextPermit(String upstream) {
        if (!limits.containsKey(upstream)) {
            return Duration.ZERO;
        }
        Long wait = permit(upstream, false);
        return wait == null ? local.untilNextPermit(upstream) : Duration.ofMillis(wait);
    }

    @Override
    public int rpm(String upstream) {
        return local.rpm(upstream);
    }

    /** Milliseconds until a permit (0: one was free, and taken if {@code take}); null when Redis cannot be used. */
    private Long permit(String upstream, boolean take) {
        String member = take ? replica + ":" + permits.incrementAndGet() : "";
        return redis.call(template -> template.execute(PERMIT, List.of(keys.get(upstream)), limits.get(upstream),
                Long.toString(WINDOW_MILLIS), take ? "1" : "0", member), () -> null);
    }
}
