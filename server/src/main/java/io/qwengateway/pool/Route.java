package io.qwengateway.pool;

import java.time.Duration;
import java.time.Instant;

import io.qwengateway.errors.ApiException;

/**
 * The upstreams one request may try, in order, and how many of them: the first pick, then at most
 * {@code max-failovers} more. Each is handed out only if it can still take the request (another request may have
 * set it aside meanwhile) and has a permit under its {@code rpm} limit; when none has one, the request waits for the
 * soonest permit, at most {@code rate-limit-wait}. Used by one request's thread only.
 */
public final class Route {

    private final UpstreamPool pool;
    private final PoolMember[] order;
    private final int maxTries;
    private final String model;
    private int tries;
    private PoolMember last;

    Route(UpstreamPool pool, PoolMember[] order, int maxTries, String model) {
        this.pool = pool;
        this.order = order;
        this.maxTries = maxTries;
        this.model = model;
    }

    /** The next upstream to try, or null when the request has had its tries or nothing more can take it. */
    public PoolMember next() {
        if (tries >= maxTries) {
            return null;
        }
        boolean coolsDown = pool.coolsDown();
        Instant now = pool.now();
        PoolMember soonest = null;
        Duration soonestWait = null;
        for (int i = 0; i < order.length; i++) {
            PoolMember member = order[i];
            if (member == null) {
                continue;
            }
            if (tries > 0 && !pool.available(member, now, coolsDown)) {
                order[i] = null;
                continue;
            }
            if (pool.hasPermitNow(member)) {
                return take(i);
            }
            Duration wait = pool.untilNextPermit(member);
            if (soonest == null || wait.compareTo(soonestWait) < 0) {
                soonest = member;
                soonestWait = wait;
            }
        }
        if (soonest != null) {
            if (pool.waitForPermit(soonest)) {
                for (int i = 0; i < order.length; i++) {
                    if (order[i] == soonest) {
                        return take(i);
                    }
                }
            }
        }
        return null;
    }

    /**
     * Why no upstream took the request: every candidate was at its {@code rpm} limit for longer than the request may
     * wait.
     */
    public ApiException refusal() {
        return PoolErrors.rateLimited(order, model, pool);
    }

    private PoolMember take(int index) {
        PoolMember member = order[index];
        order[index] = null;
        if (last != null) {
            pool.failedOver(last, member);
        }
        tries++;
        last = member;
        return member;
    }
}
