package io.qwengateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636, method S256) as the qwen-code CLI makes it: the verifier is 32 random bytes in base64url
 * without padding (43 characters), the challenge the base64url SHA-256 of the verifier. The challenge goes to the
 * OAuth server with the device-code request; the verifier stays in this process until the token poll proves we are
 * the ones who started the login.
 */
public record Pkce(String verifier, String challenge) {

    public static final String METHOD = "S256";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    public static Pkce generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String verifier = BASE64URL.encodeToString(bytes);
        return new Pkce(verifier, challengeOf(verifier));
    }

    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }

    /** Never prints the verifier: records print their fields, and these end up in logs. */
    @Override
    public String toString() {
        return "Pkce[challenge=" + challenge + "]";
    }
}
