package io.qwengateway.simulator.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random identifiers. Tokens are opaque on purpose: a client that parses or guesses them is a client bug the
 * simulator should expose, so nothing in them (no prefix, no counter) can be relied upon.
 */
public final class RandomIds {

    /** Letters and digits a person can read off a screen without confusing 0/O or 1/I. */
    private static final String USER_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomIds() {
    }

    /** 32 random bytes, base64url without padding: the shape of a real opaque token. */
    public static String opaqueToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String userCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(USER_CODE_ALPHABET.charAt(RANDOM.nextInt(USER_CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /**
     * For identifiers that only need to be unique (request, completion and tool-call ids). Not from
     * {@link SecureRandom}: its lock would serialise hundreds of streams starting at once.
     */
    public static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
