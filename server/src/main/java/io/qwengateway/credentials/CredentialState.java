package io.qwengateway.credentials;

/** How usable the upstream credential is, as {@code /health} and error messages report it. */
public enum CredentialState {
    /** Usable as it is. */
    VALID("valid"),
    /** Within the refresh margin or past expiry; the next request refreshes it. */
    EXPIRING("expiring"),
    /** The last refresh failed for a passing reason; the old token is kept and the refresh is retried. */
    REFRESH_FAILED("refresh_failed"),
    /** The refresh token is dead, or Qwen rejects even a fresh token: only a new login (or an API key) helps. */
    LOGIN_REQUIRED("login_required"),
    /** No credentials file (or an unreadable one). */
    MISSING("missing");

    private final String wireName;

    CredentialState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
