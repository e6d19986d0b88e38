package io.qwengateway.auth;

import java.time.Instant;

/**
 * Where one login's progress is kept between polls: the PKCE verifier, the poll interval, the earliest next poll and
 * the final state. In this process ({@link LocalLoginLedger}) or, with Redis, for every replica
 * ({@link SharedLogins}). {@link DeviceLogin} decides what each answer of the token endpoint means; the ledger
 * decides who may ask it: at most one poller at a time, so a grant is redeemed once and saved once.
 */
interface LoginLedger {

    /** What a poll at {@code now} may do: answer at once, or ask the token endpoint and then report back. */
    Turn claim(Instant now);

    /** After an answer that keeps the login going: the interval from now on and the earliest next poll. */
    void keepGoing(Turn turn, PollInterval interval, Instant nextPollAt);

    /**
     * Records the final state and forgets the verifier; answers the final state kept, which is an earlier one if
     * another poller finished first. A success is always kept: its credentials are saved.
     */
    LoginProgress finish(Turn turn, LoginProgress progress);

    /** The interval as it stands now. */
    PollInterval interval();

    /**
     * One poll's permission.
     *
     * @param answer the answer, when the poll must not ask the token endpoint (finished, waiting, or lost)
     * @param pkce   with {@link Kind#ASK}: the verifier to prove the login is ours
     * @param fence  with {@link Kind#ASK}: identifies this poller's claim in a shared ledger
     */
    record Turn(Kind kind, LoginProgress answer, Pkce pkce, PollInterval interval, long fence) {

        enum Kind {
            /** Answer {@link #answer} without asking the token endpoint. */
            ANSWER,
            /** The device code ran out: finish as expired without asking. */
            EXPIRED,
            /** Ask the token endpoint now; nobody else does meanwhile. */
            ASK
        }

        static Turn answer(LoginProgress answer) {
            return new Turn(Kind.ANSWER, answer, null, answer.interval(), 0);
        }

        static Turn expired() {
            return new Turn(Kind.EXPIRED, null, null, null, 0);
        }

        static Turn ask(Pkce pkce, PollInterval interval, long fence) {
            return new Turn(Kind.ASK, null, pkce, interval, fence);
        }
    }
}
