package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.http.Router;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Locale;

/**
 * The two endpoints of chat.qwen.ai's device login: {@code /device/code} starts a login, {@code /token} answers
 * both the device-code poll and the refresh grant. Requests are checked as strictly as the real WAF-fronted
 * service may check them, so that client bugs fail here first.
 */
public final class OAuthEndpoints {

    public static final String DEVICE_CODE_PATH = "/api/v1/oauth2/device/code";
    public static final String TOKEN_PATH = "/api/v1/oauth2/token";

    private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

    private final OAuthSettings settings;
    private final DeviceAuthorizations devices;
    private final DeviceGrant deviceGrant;
    private final RefreshGrant refreshGrant;

    public OAuthEndpoints(OAuthSettings settings, DeviceAuthorizations devices, TokenRegistry tokens,
                          RefreshScript refreshScript) {
        this.settings = settings;
        this.devices = devices;
        this.deviceGrant = new DeviceGrant(settings, devices, tokens);
        this.refreshGrant = new RefreshGrant(settings, tokens, refreshScript);
    }

    public void registerOn(Router router) {
        router.add("POST", DEVICE_CODE_PATH, this::deviceCode);
        router.add("POST", TOKEN_PATH, this::token);
    }

    private void deviceCode(SimExchange exchange) throws IOException {
        devices.countDeviceCodeRequest();
        if (refusedByWaf(exchange)) {
            return;
        }
        try {
            StrictForm form = readForm(exchange);
            form.requireFieldOrder("client_id", "scope", "code_challenge", "code_challenge_method");
            form.requireValue("client_id", settings.clientId());
            form.requireValue("scope", OAuthSettings.SCOPE);
            form.requireValue("code_challenge_method", "S256");
            if (!Pkce.looksLikeS256Challenge(form.value("code_challenge"))) {
                throw FormRejected.invalidRequest("code_challenge must be base64url without padding of a SHA-256 "
                        + "digest (43 characters of A-Z a-z 0-9 - _)");
            }
            exchange.respondJson(200, deviceCodeAnswer(devices.start(form.value("code_challenge"))));
        } catch (FormRejected rejected) {
            exchange.respondJson(400, OAuthErrors.body(rejected.error(), rejected.description()));
        }
    }

    /** RFC 8628 answer, minus {@code interval}: the real service sends none, and clients must cope. */
    private ObjectNode deviceCodeAnswer(DeviceAuthorization authorization) {
        String verificationUri = settings.baseUrl() + "/authorize";
        ObjectNode body = Json.object();
        body.put("device_code", authorization.deviceCode());
        body.put("user_code", authorization.userCode());
        body.put("verification_uri", verificationUri);
        body.put("verification_uri_complete",
                verificationUri + "?user_code=" + authorization.userCode() + "&client=qwen-code");
        body.put("expires_in", devices.ttl().toSeconds());
        return body;
    }

    private void token(SimExchange exchange) throws IOException {
        if (refusedByWaf(exchange)) {
            return;
        }
        try {
            StrictForm form = readForm(exchange);
            String grantType = form.value("grant_type");
            if (grantType.equals(DeviceGrant.GRANT_TYPE)) {
                deviceGrant.answer(form, exchange);
            } else if (grantType.equals(RefreshGrant.GRANT_TYPE)) {
                refreshGrant.answer(form, exchange);
            } else {
                throw new FormRejected("unsupported_grant_type", "unsupported grant_type '" + grantType + "'");
            }
        } catch (FormRejected rejected) {
            exchange.respondJson(400, OAuthErrors.body(rejected.error(), rejected.description()));
        }
    }

    private static StrictForm readForm(SimExchange exchange) throws FormRejected {
        String contentType = exchange.header("content-type").orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith(FORM_CONTENT_TYPE)) {
            throw FormRejected.invalidRequest("Content-Type must be " + FORM_CONTENT_TYPE + ", got '"
                    + contentType + "'");
        }
        return StrictForm.parse(exchange.body());
    }

    /** The WAF in front of the real service turns away requests without a User-Agent, with an HTML page. */
    private static boolean refusedByWaf(SimExchange exchange) throws IOException {
        if (exchange.header("user-agent").filter(agent -> !agent.isBlank()).isPresent()) {
            return false;
        }
        exchange.respondHtml(403, "<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body>"
                + "<h1>403 Forbidden</h1><p>Request blocked by the web application firewall.</p></body></html>");
        return true;
    }
}
