package io.qwengateway.upstream;

import java.time.Duration;

import io.qwengateway.errors.ApiException;
import io.qwengateway.pool.FailureEffect;
import io.qwengateway.pool.QuotaWindow;

/**
 * What an upstream error means for the gateway: what to do about the request on this upstream ({@link Kind}), what it
 * says about the upstream ({@link FailureEffect}, which decides failover and cooldown in the pool), and the error the
 * client gets if nothing more is tried.
 *
 * @param kind       what to do about the request on this upstream
 * @param error      what the client is told if nothing more is tried
 * @param effect     what the answer says about the upstream
 * @param window     for a spent quota, the window that has to reset; else null
 * @param retryAfter the upstream's {@code Retry-After}, when it sent one (the client's error may leave it out)
 */
public record UpstreamFailure(Kind kind, ApiException error, FailureEffect effect, QuotaWindow window,
        Duration retryAfter) {

    public UpstreamFailure(Kind kind, ApiException error) {
        this(kind, error, kind == Kind.TRANSIENT ? FailureEffect.FAILING : FailureEffect.NONE, null, null);
    }

    public enum Kind {
        /** The token is stale: refresh once and retry once. */
        STALE_TOKEN,
        /** A 502/503/504 or a connection failure before the first byte: retry with backoff. */
        TRANSIENT,
        /** Not retried on this upstream: quota, rate limit, context too long, moderation, other 4xx. */
        FINAL
    }

    /** Whether another upstream may serve the request: anything but the client's own mistake. */
    public boolean failsOver() {
        return effect != FailureEffect.NONE;
    }
}
