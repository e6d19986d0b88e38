package io.qwengateway.metrics;

import io.micrometer.core.instrument.Metrics;

/**
 * What happens between the gateway and its upstreams, counted for {@code /actuator/prometheus}: retries, token
 * refreshes, failovers. Static, over Micrometer's global registry (Spring Boot adds the Prometheus registry to it),
 * so that the upstream and credential code reports an event in one line without a new collaborator; outside a
 * running gateway (unit tests) the global registry counts nothing.
 */
public final class UpstreamEvents {

    static final String RETRIES = "qwen.gateway.upstream.retries";
    static final String REFRESHES = "qwen.gateway.token.refreshes";
    static final String FAILOVERS = "qwen.gateway.upstream.failovers";

    private UpstreamEvents() {
    }

    /** An upstream call is tried again; {@code cause} is the error code of the failed attempt. */
    public static void retried(String cause) {
        Metrics.counter(RETRIES, "cause", orUnknown(cause)).increment();
    }

    /**
     * A token refresh ended: {@code ok}, {@code elsewhere} (another process or replica had refreshed), {@code failed}
     * (a passing failure), {@code login_required} (the refresh token is dead) or {@code lease_lost} (it outlived the
     * replica's cluster lease and was discarded).
     */
    public static void refreshed(String outcome) {
        Metrics.counter(REFRESHES, "outcome", orUnknown(outcome)).increment();
    }

    /** A request moved from one upstream to another before its first byte; for the upstream pool. */
    public static void failedOver(String from, String cause) {
        Metrics.counter(FAILOVERS, "upstream", orUnknown(from), "cause", orUnknown(cause)).increment();
    }

    private static String orUnknown(String value) {
        return value == null || value.isEmpty() ? "unknown" : value;
    }
}
