package io.qwengateway.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The OAuth requests of the qwen-code CLI, built independently of the simulator's code so tests check it. */
final class OAuthForms {

    static final String DEVICE_CODE_PATH = "/api/v1/oauth2/device/code";
    static final String TOKEN_PATH = "/api/v1/oauth2/token";
    static final String CLIENT_ID = "f0304373b74a44d2b584a3fb70ca9e56";
    static final String SCOPE = "openid profile email model.completion";
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

    private OAuthForms() {
    }

    static String newVerifier() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String deviceCodeRequest(String challenge) {
        return TestHttp.form("client_id", CLIENT_ID, "scope", SCOPE, "code_challenge", challenge,
                "code_challenge_method", "S256");
    }

    static String poll(String deviceCode, String verifier) {
        return TestHttp.form("grant_type", DEVICE_GRANT, "client_id", CLIENT_ID, "device_code", deviceCode,
                "code_verifier", verifier);
    }

    static String refresh(String refreshToken) {
        return TestHttp.form("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", CLIENT_ID);
    }
}
