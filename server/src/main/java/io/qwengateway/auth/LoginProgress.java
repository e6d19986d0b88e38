package io.qwengateway.auth;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Where a device login stands after a poll: what the terminal prints and the HTTP API answers. Never a token.
 *
 * @param interval    the current poll interval
 * @param nextPollAt  while waiting, the earliest moment the next poll reaches the OAuth server
 * @param tokenExpiry on success, when the new access token expires
 * @param savedTo     on success, the credentials file written
 * @param message     on failure, what went wrong and what to do
 */
public record LoginProgress(State state, PollInterval interval, Instant nextPollAt, Instant tokenExpiry, Path savedTo,
        String message) {

    public enum State {
        /** Waiting for the user to approve. */
        PENDING(false),
        /** The OAuth server could not be asked this time; the login goes on. */
        OAUTH_SERVER_UNAVAILABLE(false),
        /** The credentials are saved. */
        SUCCESS(true),
        DENIED(true),
        EXPIRED(true),
        /** The OAuth server refused the poll (e.g. PKCE verification failed). */
        REFUSED(true),
        /** Tokens were granted but could not be written. */
        NOT_SAVED(true);

        private final boolean finished;

        State(boolean finished) {
            this.finished = finished;
        }

        public boolean finished() {
            return finished;
        }
    }

    static LoginProgress waiting(State state, PollInterval interval, Instant nextPollAt, String message) {
        return new LoginProgress(state, interval, nextPollAt, null, null, message);
    }

    static LoginProgress success(Instant tokenExpiry, Path savedTo) {
        return new LoginProgress(State.SUCCESS, null, null, tokenExpiry, savedTo, null);
    }

    static LoginProgress failure(State state, String message) {
        return new LoginProgress(state, null, null, null, null, message);
    }
}
