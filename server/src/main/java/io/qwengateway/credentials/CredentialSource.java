package io.qwengateway.credentials;

/**
 * Where upstream credentials come from: the Qwen OAuth file shared with the qwen-code CLI, a DashScope or Coding Plan
 * API key, and later pools or a shared store. Implementations are safe for concurrent use.
 */
public interface CredentialSource extends LoginAdopter {

    /** A credential fit for a request now, refreshing it first if it is about to expire. */
    UpstreamCredential current() throws CredentialUnavailableException;

    /**
     * The upstream refused {@code rejected} as stale: renew it (once, however many requests report the same token)
     * and return the credential to retry with.
     */
    UpstreamCredential renewAfterRejection(UpstreamCredential rejected) throws CredentialUnavailableException;

    /** The upstream refused even the credential returned by {@link #renewAfterRejection}: stop trying it. */
    void rejectedAfterRenewal(UpstreamCredential rejected);

    CredentialStatus status();

    /** The model API base URL requests go to with this source's credential, when known (for /health; no token). */
    default java.util.Optional<String> baseUrl() {
        return java.util.Optional.empty();
    }

    /** A source serves no credentials file unless it says so. */
    @Override
    default boolean adoptNewLogin(java.nio.file.Path credentialsFile, OAuthCredentials credentials) {
        return false;
    }
}
