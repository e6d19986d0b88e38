package io.qwengateway.pool;

import java.time.Instant;
import java.util.Locale;

/**
 * Why an upstream is set aside, and until when.
 *
 * @param reason  what happened
 * @param until   when it serves again; null: until someone acts (a new login, the operator)
 * @param message what happened, in words for {@code /health} and the all-cooling answer; never a key or token
 * @param streak  throttles in a row, which make the next throttle cooldown longer
 */
public record Cooldown(Reason reason, Instant until, String message, int streak) {

    public enum Reason {
        /** The quota of a window is spent. */
        QUOTA,
        /** Rate limited by the upstream. */
        THROTTLED,
        /** Several server errors or unreachable in a row. */
        FAILING,
        /** The credential is refused for good: a new login, or a new key (a restart), brings it back. */
        DEAD,
        /** Switched off by the operator ({@code POST /admin/upstreams/{name}/disable}) or in the configuration. */
        DISABLED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Set aside for good (no end time): answered 503 rather than 429 when nothing else can serve. */
    public boolean disables() {
        return reason == Reason.DEAD || reason == Reason.DISABLED;
    }

    public boolean activeAt(Instant now) {
        return until == null || now.isBefore(until);
    }
}
