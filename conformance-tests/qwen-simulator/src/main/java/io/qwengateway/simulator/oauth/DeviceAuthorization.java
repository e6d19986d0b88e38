package io.qwengateway.simulator.oauth;

import java.time.Instant;

/**
 * One device login in progress: the codes handed to the client, the PKCE challenge it committed to, and what the
 * user (or a test) decided. Mutated only under the lock of {@link DeviceAuthorizations}.
 */
final class DeviceAuthorization {

    enum State { PENDING, APPROVED, DENIED, EXPIRED, REDEEMED }

    private final String deviceCode;
    private final String userCode;
    private final String codeChallenge;
    private final Instant expiresAt;
    private State state = State.PENDING;

    DeviceAuthorization(String deviceCode, String userCode, String codeChallenge, Instant expiresAt) {
        this.deviceCode = deviceCode;
        this.userCode = userCode;
        this.codeChallenge = codeChallenge;
        this.expiresAt = expiresAt;
    }

    String deviceCode() {
        return deviceCode;
    }

    String userCode() {
        return userCode;
    }

    String codeChallenge() {
        return codeChallenge;
    }

    /** The state as of {@code now}: a code nobody redeemed in time expires whatever the user decided. */
    State stateAt(Instant now) {
        if (state != State.REDEEMED && !now.isBefore(expiresAt)) {
            return State.EXPIRED;
        }
        return state;
    }

    void moveTo(State newState) {
        state = newState;
    }
}
