package io.qwengateway.credentials;

import java.time.Instant;

/**
 * A snapshot of a credential source for {@code /health}: never a token.
 *
 * @param expiry  when the access token expires, if known
 * @param message what is wrong and how to fix it; null when all is well
 */
public record CredentialStatus(String source, CredentialState state, Instant expiry, String message) {

    public boolean usable() {
        return state == CredentialState.VALID || state == CredentialState.EXPIRING
                || state == CredentialState.REFRESH_FAILED;
    }
}
