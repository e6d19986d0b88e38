package io.qwengateway.simulator.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** PKCE with method S256 (RFC 7636): challenge = base64url-no-padding(SHA-256(verifier)). */
final class Pkce {

    /** A SHA-256 digest in base64url without padding is always 43 characters of this alphabet. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Pkce() {
    }

    static boolean looksLikeS256Challenge(String challenge) {
        return S256_CHALLENGE.matcher(challenge).matches();
    }

    static boolean verifies(String verifier, String challenge) {
        return MessageDigest.isEqual(
                challengeFor(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }

    static String challengeFor(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
