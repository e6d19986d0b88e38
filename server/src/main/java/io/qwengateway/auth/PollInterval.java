package io.qwengateway.auth;

import java.time.Duration;

/**
 * How long to wait between two polls of the token endpoint. Each {@code slow_down} answer stretches it for the rest of
 * the login (RFC 8628 section 3.5), up to a ceiling so that a login never waits longer than needed once approved.
 */
public record PollInterval(Duration current, double slowDownFactor, Duration max) {

    public PollInterval slowedDown() {
        long stretched = (long) Math.ceil(current.toMillis() * slowDownFactor);
        return new PollInterval(Duration.ofMillis(Math.min(stretched, max.toMillis())), slowDownFactor, max);
    }

    /** The interval in whole seconds, rounded up, as the HTTP API reports it (never 0: clients would spin). */
    public int wholeSeconds() {
        return (int) Math.max(1, (current.toMillis() + 999) / 1000);
    }
}
