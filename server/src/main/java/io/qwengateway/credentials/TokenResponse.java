package io.qwengateway.credentials;

/**
 * A successful answer of the token endpoint (device grant or refresh grant).
 *
 * @param refreshToken may be absent on refresh: the old one stays valid
 * @param resourceUrl  may be absent on refresh: keep the old one
 */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresInSeconds,
        String resourceUrl) {

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresInSeconds + "s, resourceUrl=" + resourceUrl + "]";
    }
}
