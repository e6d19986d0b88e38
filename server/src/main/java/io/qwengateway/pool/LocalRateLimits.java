package io.qwengateway.pool;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

/**
 * The {@code rpm} limits in this process: one Resilience4j rate limiter ({@link AtomicRateLimiter}) per limited
 * upstream, {@code rpm} permits per minute (a burst may use a minute's permits at once, as the upstreams' own
 * per-minute limits allow).
 */
public final class LocalRateLimits implements RateLimits {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Map<String, AtomicRateLimiter> limiters = new HashMap<>();
    private final Map<String, Integer> rpm = new HashMap<>();

    /**
     * @param rpmByUpstream requests per minute by upstream name; 0 or absent for no limit
     * @param maxWait       the longest a request waits for a permit when every candidate is at its limit
     * @param nanoTime      the clock the limiters count periods with ({@code System::nanoTime} in production)
     */
    public LocalRateLimits(Map<String, Integer> rpmByUpstream, Duration maxWait, Supplier<Long> nanoTime) {
        rpmByUpstream.forEach((name, limit) -> {
            if (limit != null && limit > 0) {
                RateLimiterConfig config = RateLimiterConfig.custom()
                        .limitForPeriod(limit)
                        .limitRefreshPeriod(PERIOD)
                        .timeoutDuration(maxWait)
                        .build();
                limiters.put(name, new AtomicRateLimiter("upstream-" + name, config, Map.of(), nanoTime));
                rpm.put(name, limit);
            }
        });
    }

    @Override
    public boolean tryAcquire(String upstream) {
        AtomicRateLimiter limiter = limiters.get(upstream);
        // With a free permit, acquirePermission takes it at once; without one it would wait, so it is not called.
        return limiter == null
                || limiter.getDetailedMetrics().getAvailablePermissions() > 0 && limiter.acquirePermission();
    }

    @Override
    public boolean acquireWaiting(String upstream) {
        AtomicRateLimiter limiter = limiters.get(upstream);
        return limiter == null || limiter.acquirePermission();
    }

    @Override
    public Duration untilNextPermit(String upstream) {
        AtomicRateLimiter limiter = limiters.get(upstream);
        return limiter == null ? Duration.ZERO
                : Duration.ofNanos(Math.max(0, limiter.getDetailedMetrics().getNanosToWait()));
    }

    @Override
    public int rpm(String upstream) {
        return rpm.getOrDefault(upstream, 0);
    }
}
