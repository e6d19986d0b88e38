package io.qwengateway.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * How a token pair is stored in Redis: the credentials file's JSON, or, with an encryption key, that JSON sealed with
 * AES-256-GCM ({@code v1:} and base64 of a random 12-byte nonce and the ciphertext with its tag). The Redis key is the
 * associated data, so a sealed pair copied under another account's key does not open. The key is the SHA-256 of the
 * configured secret, which must therefore be random (not a password).
 */
final class SharedCredentialsCodec {

    private static final String SEALED = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final ObjectMapper json;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SharedCredentialsCodec(ObjectMapper json, String secret) {
        this.json = json;
        this.key = secret == null || secret.isEmpty() ? null : new SecretKeySpec(sha256(secret), "AES");
    }

    boolean encrypts() {
        return key != null;
    }

    String encode(OAuthCredentials credentials, String redisKey) {
        byte[] plain = json.writeValueAsBytes(credentials.toJson());
        if (key == null) {
            return new String(plain, StandardCharsets.UTF_8);
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, redisKey);
            byte[] sealed = cipher.doFinal(plain);
            byte[] stored = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
            return SEALED + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws IllegalArgumentException when the value is not a pair this codec wrote (another key, tampered) */
    OAuthCredentials decode(String stored, String redisKey) {
        byte[] plain;
        if (stored.startsWith(SEALED)) {
            if (key == null) {
                throw new IllegalArgumentException("the shared pair is encrypted and no encryption-key is configured");
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(stored.substring(SEALED.length()));
                Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(bytes, NONCE_BYTES), redisKey);
                plain = cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
            } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("the shared pair does not open with this encryption-key");
            }
        } else {
            if (key != null) {
                throw new IllegalArgumentException("the shared pair is not encrypted but an encryption-key is set");
            }
            plain = stored.getBytes(StandardCharsets.UTF_8);
        }
        try {
            JsonNode node = json.readTree(plain);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the shared pair is not a JSON object");
            }
            return OAuthCredentials.fromJson(node);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the shared pair is not valid JSON");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String redisKey) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(redisKey.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
