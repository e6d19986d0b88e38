package io.qwengateway.pool;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.qwengateway.credentials.CredentialStatus;

/**
 * How an upstream stands, for {@code /health}, the admin routes and the startup table: never a key or a token.
 *
 * @param state      {@code ok}, {@code cooling} (back by itself at {@code until}) or {@code disabled} (until someone
 *                   acts)
 * @param until      when a cooling upstream serves again; else null
 * @param reason     why it is not ok: a cooldown reason ({@code quota}, {@code throttled}, {@code failing},
 *                   {@code dead}, {@code disabled}) or the credential's state ({@code login_required},
 *                   {@code missing}); null when ok
 * @param message    what happened and what to do, in words; null when ok
 * @param credential the credential's own state ({@code valid}, {@code expiring}, ...)
 */
public record UpstreamState(String state, Instant until, String reason, String message,
        CredentialStatus credential) {

    public static final String OK = "ok";
    public static final String COOLING = "cooling";
    public static final String DISABLED = "disabled";

    static UpstreamState of(Cooldown cooldown, CredentialStatus credential) {
        if (cooldown != null) {
            return new UpstreamState(cooldown.disables() ? DISABLED : COOLING, cooldown.until(),
                    cooldown.reason().wireName(), cooldown.message(), credential);
        }
        if (!credential.usable()) {
            return new UpstreamState(DISABLED, null, credential.state().wireName(), credential.message(), credential);
        }
        return new UpstreamState(OK, null, null, null, credential);
    }

    public boolean ok() {
        return OK.equals(state);
    }

    /** {@code ok}, {@code cooling until 2026-05-01T00:00:00Z (quota)}, {@code disabled (login_required)}. */
    public String summary() {
        if (ok()) {
            return OK;
        }
        return state + (until == null ? "" : " until " + until.truncatedTo(ChronoUnit.SECONDS))
                + (state.equals(reason) ? "" : " (" + reason + ")");
    }
}
