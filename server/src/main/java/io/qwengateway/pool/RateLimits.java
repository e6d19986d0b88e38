package io.qwengateway.pool;

import java.time.Duration;

/**
 * The client-side request limits of the upstreams ({@code rpm}), checked before a request is sent. An upstream
 * without a limit always has a permit. Safe for concurrent use.
 */
public interface RateLimits {

    /** Takes a permit if one is free now, without waiting. */
    boolean tryAcquire(String upstream);

    /** Waits for a permit, at most the configured time ({@code gateway.pool.rate-limit-wait}). */
    boolean acquireWaiting(String upstream);

    /** How long until the upstream has a free permit; zero when it has one now. */
    Duration untilNextPermit(String upstream);

    /** The configured requests per minute, 0 for none. */
    int rpm(String upstream);
}
