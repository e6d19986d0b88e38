package io.qwengateway.protocol.responses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.qwengateway.web.WebProperties;

/**
 * Who may read a stored response: with client keys configured, only the key that created it (a SHA-256 fingerprint,
 * never the key itself, is kept); without them every client is the same owner, as every key is accepted.
 */
@Component
class ResponseOwner {

    private final boolean keysConfigured;

    ResponseOwner(WebProperties web) {
        this.keysConfigured = !web.clientApiKeys().isEmpty();
    }

    String current() {
        if (!keysConfigured) {
            return "";
        }
        String authorization = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
                .getRequest().getHeader("Authorization");
        String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : "";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
