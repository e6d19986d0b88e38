package io.qwengateway.auth;

import io.qwengateway.credentials.TokenResponse;

/**
 * What one poll of the token endpoint answered.
 *
 * @param token  set when {@link Status#GRANTED}
 * @param detail what the server said, for the user, when it refused or could not be reached
 */
public record PollOutcome(Status status, TokenResponse token, String detail) {

    public enum Status {
        /** {@code authorization_pending}: the user has not decided yet. */
        PENDING,
        /** {@code slow_down}: polling too fast; stretch the interval. */
        SLOW_DOWN,
        /** {@code access_denied}: the user refused. */
        DENIED,
        /** {@code expired_token}: the device code ran out. */
        EXPIRED,
        /** Tokens: the login succeeded. */
        GRANTED,
        /** Any other refusal ({@code invalid_grant}: unknown code, PKCE mismatch): the login cannot go on. */
        REFUSED,
        /** Network failure, 5xx or an unreadable answer: worth trying again at the next interval. */
        UNAVAILABLE
    }

    static PollOutcome of(Status status, String detail) {
        return new PollOutcome(status, null, detail);
    }

    static PollOutcome granted(TokenResponse token) {
        return new PollOutcome(Status.GRANTED, token, null);
    }
}
