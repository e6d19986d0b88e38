package io.qwengateway.pool;

/**
 * What an upstream's failed answer says about the upstream itself, apart from what happens to the request: the pool
 * sets the upstream aside accordingly and tries another. The provider's error classifier decides which effect an
 * answer has; the pool only acts on it.
 */
public enum FailureEffect {
    /** Nothing: the request was at fault (a client mistake), so the upstream is left as it is and nothing fails over. */
    NONE,
    /** The quota of a window (hour, day, week, month) is spent: set aside until the window resets. */
    QUOTA_SPENT,
    /** A rate limit: a short cooldown, growing while the throttling lasts. */
    THROTTLED,
    /** The credential is refused for good (login required, a wrong or unpaid key): disabled until it changes. */
    DEAD,
    /** A server error or an unreachable upstream: counted, and after several in a row a cooldown. */
    FAILING
}
