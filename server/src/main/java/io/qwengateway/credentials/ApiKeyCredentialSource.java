package io.qwengateway.credentials;

/**
 * A DashScope or Coding Plan API key: nothing to refresh, so a 401 means the key itself is wrong.
 */
public class ApiKeyCredentialSource implements CredentialSource {

    public static final String SOURCE_NAME = "api-key";

    private final UpstreamCredential credential;
    private final String origin;

    public ApiKeyCredentialSource(ApiKeyProperties properties) {
        this(properties, "gateway.api-key.key / QWEN_API_KEY");
    }

    /** @param origin where the key is configured, for the message when the upstream refuses it */
    public ApiKeyCredentialSource(ApiKeyProperties properties, String origin) {
        this.credential = new UpstreamCredential(properties.key(),
                UpstreamBaseUrls.fromResourceUrl(properties.baseUrl(), properties.baseUrl()), properties.headers());
        this.origin = origin;
    }

    @Override
    public UpstreamCredential current() {
        return credential;
    }

    @Override
    public UpstreamCredential renewAfterRejection(UpstreamCredential rejected) {
        throw CredentialUnavailableException.loginRequired(
                "The upstream rejected the configured API key (" + origin + "); check it.");
    }

    @Override
    public void rejectedAfterRenewal(UpstreamCredential rejected) {
        // Nothing to mark: renewAfterRejection never hands out a new key.
    }

    @Override
    public java.util.Optional<String> baseUrl() {
        return java.util.Optional.of(credential.baseUrl());
    }

    @Override
    public CredentialStatus status() {
        return new CredentialStatus(SOURCE_NAME, CredentialState.VALID, null, null);
    }
}
