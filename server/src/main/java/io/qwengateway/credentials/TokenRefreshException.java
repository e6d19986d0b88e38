package io.qwengateway.credentials;

/**
 * A refresh that did not produce a token. {@link #refreshTokenRejected()} means the refresh token is dead (400/401:
 * revoked, rotated away by another process, or the account is gone) and only a new login helps; otherwise the failure
 * is passing (network, 5xx, an error or garbage inside a 2xx) and the credentials are kept for a later attempt.
 */
public class TokenRefreshException extends Exception {

    private final boolean refreshTokenRejected;
    private final boolean transport;

    private TokenRefreshException(String message, boolean refreshTokenRejected, boolean transport, Throwable cause) {
        super(message, cause);
        this.refreshTokenRejected = refreshTokenRejected;
        this.transport = transport;
    }

    public static TokenRefreshException rejected(String message) {
        return new TokenRefreshException(message, true, false, null);
    }

    public static TokenRefreshException passing(String message) {
        return new TokenRefreshException(message, false, false, null);
    }

    /** A network failure or a 5xx: worth an immediate retry. */
    public static TokenRefreshException transport(String message, Throwable cause) {
        return new TokenRefreshException(message, false, true, cause);
    }

    public boolean refreshTokenRejected() {
        return refreshTokenRejected;
    }

    public boolean isTransport() {
        return transport;
    }
}
