package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.oauth.TokenRegistry.IssuedTokens;

import java.io.IOException;

/** The token endpoint's answer to a device-code poll (RFC 8628 section 3.5, with PKCE). */
final class DeviceGrant {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";

    private final OAuthSettings settings;
    private final DeviceAuthorizations devices;
    private final TokenRegistry tokens;

    DeviceGrant(OAuthSettings settings, DeviceAuthorizations devices, TokenRegistry tokens) {
        this.settings = settings;
        this.devices = devices;
        this.tokens = tokens;
    }

    void answer(StrictForm form, SimExchange exchange) throws IOException, FormRejected {
        form.requireFieldOrder("grant_type", "client_id", "device_code", "code_verifier");
        form.requireValue("client_id", settings.clientId());
        switch (devices.poll(form.value("device_code"), form.value("code_verifier"))) {
            case SLOW_DOWN -> exchange.respondJson(429, OAuthErrors.body("slow_down",
                    "Polling too frequently; increase the interval."));
            case PENDING -> exchange.respondJson(400, OAuthErrors.body("authorization_pending",
                    "The user has not yet approved the authorization request."));
            case DENIED -> exchange.respondJson(400, OAuthErrors.body("access_denied",
                    "The user denied the authorization request."));
            case EXPIRED -> exchange.respondJson(400, OAuthErrors.body("expired_token",
                    "The device code has expired; start a new login."));
            case UNKNOWN_CODE -> exchange.respondJson(400, OAuthErrors.body("invalid_grant",
                    "Invalid device code."));
            case PKCE_MISMATCH -> exchange.respondJson(400, OAuthErrors.body("invalid_grant",
                    "PKCE verification failed"));
            case GRANTED -> {
                IssuedTokens issued = tokens.issue(settings.accessTokenTtl());
                exchange.respondJson(200, TokenAnswer.of(
                        issued, settings.accessTokenTtl(), settings.resourceUrl(), true, true));
            }
        }
    }
}
