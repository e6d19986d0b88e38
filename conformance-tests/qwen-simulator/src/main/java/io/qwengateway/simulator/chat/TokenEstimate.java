package io.qwengateway.simulator.chat;

/** A deterministic token count, so tests can assert usage numbers: one token per four characters, rounded up. */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    public static int of(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }
}
