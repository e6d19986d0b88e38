package io.qwengateway.credentials;

import java.nio.file.Path;

/** The sentences that tell a user what is wrong with the upstream credential and how to fix it. */
public final class LoginHints {

    private LoginHints() {
    }

    public static String howToLogIn() {
        return "Log in with 'java -jar qwen-gateway-server.jar auth' (a QR code in the terminal), with POST /auth/initiate "
                + "then POST /auth/poll, or with the qwen-code CLI; or serve a DashScope / Coding Plan API key by "
                + "setting QWEN_API_KEY.";
    }

    public static String missing(Path file) {
        return "No Qwen credentials at " + file + ". " + howToLogIn();
    }

    public static String refreshTokenDead(String detail) {
        return "The Qwen refresh token no longer works (" + detail + "); the credentials file was kept untouched. "
                + howToLogIn();
    }

    public static String rejectedAfterRefresh() {
        return "Qwen rejects even a freshly refreshed access token. Qwen OAuth's free tier was discontinued on "
                + "2026-04-15, so the account may no longer be served this way. " + howToLogIn();
    }
}
