package io.qwengateway.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.qwengateway.auth.PollOutcome.Status;
import io.qwengateway.credentials.FormBody;
import io.qwengateway.credentials.QwenOAuthClient;
import io.qwengateway.credentials.QwenOAuthClient.FormResponse;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.credentials.TokenResponse;
import tools.jackson.databind.JsonNode;

/**
 * The two calls of the RFC 8628 device flow with PKCE, on the wire exactly as the qwen-code CLI makes them (field
 * order, {@code %20}, {@code User-Agent} and {@code x-request-id} come from {@link QwenOAuthClient#postForm}). Each
 * call is one HTTP request; when to poll is {@link DeviceLogin}'s business.
 */
@Component
public class DeviceFlowClient {

    static final String DEVICE_GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    private final QwenOAuthClient oauth;
    private final QwenOAuthProperties properties;

    public DeviceFlowClient(QwenOAuthClient oauth) {
        this.oauth = oauth;
        this.properties = oauth.properties();
    }

    /** Asks for a device code and user code, committing to {@code pkce}'s challenge. */
    public DeviceCode requestDeviceCode(Pkce pkce) throws DeviceFlowException {
        FormBody form = new FormBody()
                .add("client_id", properties.clientId())
                .add("scope", properties.scope())
                .add("code_challenge", pkce.challenge())
                .add("code_challenge_method", Pkce.METHOD);
        FormResponse response;
        try {
            response = oauth.postForm(properties.deviceCodeEndpoint(), form, Map.of());
        } catch (IOException e) {
            throw new DeviceFlowException("The Qwen OAuth server at " + properties.oauthBaseUrl()
                    + " cannot be reached: " + e.getMessage(), e);
        }
        JsonNode body = response.body();
        if (response.status() / 100 != 2 || body == null || !hasText(body, "device_code")
                || !hasText(body, "user_code") || !hasText(body, "verification_uri")
                || body.path("expires_in").asLong(0) <= 0) {
            throw new DeviceFlowException("The Qwen OAuth server did not start a login (HTTP " + response.status()
                    + " " + response.errorDescription() + ")", null);
        }
        String verificationUri = body.get("verification_uri").asString();
        return new DeviceCode(body.get("device_code").asString(), body.get("user_code").asString(), verificationUri,
                hasText(body, "verification_uri_complete") ? body.get("verification_uri_complete").asString()
                        : verificationUri,
                Duration.ofSeconds(body.get("expires_in").asLong()));
    }

    /** Polls the token endpoint once. */
    public PollOutcome poll(String deviceCode, Pkce pkce) {
        FormBody form = new FormBody()
                .add("grant_type", DEVICE_GRANT_TYPE)
                .add("client_id", properties.clientId())
                .add("device_code", deviceCode)
                .add("code_verifier", pkce.verifier());
        FormResponse response;
        try {
            response = oauth.postForm(properties.tokenEndpoint(), form, Map.of());
        } catch (IOException e) {
            return PollOutcome.of(Status.UNAVAILABLE, "The Qwen OAuth server cannot be reached: " + e.getMessage());
        }
        return outcomeOf(response);
    }

    private static PollOutcome outcomeOf(FormResponse response) {
        String said = "HTTP " + response.status() + " " + response.errorDescription();
        switch (response.error()) {
            case "authorization_pending":
                return PollOutcome.of(Status.PENDING, said);
            case "slow_down":
                return PollOutcome.of(Status.SLOW_DOWN, said);
            case "access_denied":
                return PollOutcome.of(Status.DENIED, said);
            case "expired_token":
                return PollOutcome.of(Status.EXPIRED, said);
            default:
                break;
        }
        if (response.status() == 429) {
            return PollOutcome.of(Status.SLOW_DOWN, said);
        }
        if (response.status() >= 500 || response.body() == null || !response.body().isObject()) {
            return PollOutcome.of(Status.UNAVAILABLE, "The Qwen OAuth server answered " + said);
        }
        if (response.status() / 100 != 2 || !response.error().isEmpty()) {
            return PollOutcome.of(Status.REFUSED, "The Qwen OAuth server refused the login: " + said);
        }
        TokenResponse token = QwenOAuthClient.tokenResponse(response.body());
        if (isBlank(token.accessToken()) || isBlank(token.refreshToken())) {
            return PollOutcome.of(Status.REFUSED,
                    "The Qwen OAuth server granted the login without an access token and a refresh token");
        }
        return PollOutcome.granted(token);
    }

    private static boolean hasText(JsonNode body, String field) {
        return body.hasNonNull(field) && !body.get(field).asString("").isBlank();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
