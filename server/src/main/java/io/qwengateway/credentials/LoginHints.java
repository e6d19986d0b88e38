package io.qwengateway.credentials;

import java.nio.file.Path;
import java.util.List;

import io.qwengateway.startup.LaunchOrigin;

/** The sentences that tell a user what is wrong with the upstream credential and how to fix it. */
public final class LoginHints {

    /** Used when the gateway does not run from its jar (an IDE, the tests). */
    private static final String FALLBACK_JAR = "qwen-gateway-server.jar";
    private static final String COMMAND = command(LaunchOrigin.current(), Path.of("").toAbsolutePath());

    private LoginHints() {
    }

    /** For remote clients as much as for the log: where to run what (server paths are hidden from clients). */
    public static String howToLogIn() {
        return "Log in on the gateway host with '" + authCommand() + "' (it shows a QR code) or with the qwen-code "
                + "CLI, or over HTTP with POST /auth/initiate then POST /auth/poll (with a client key when the "
                + "gateway has client keys); or set QWEN_API_KEY on the gateway to serve a DashScope / Coding Plan "
                + "API key.";
    }

    /** Both ways to log in, spelled out with the gateway's own URL, for the startup log. */
    public static String howToLogIn(String gatewayBaseUrl) {
        return "To log in, either run in a terminal (it shows a QR code to scan):\n"
                + "    " + authCommand() + "\n"
                + "  or over HTTP, then open verification_uri_complete (or the PNG at qr_code_url) and approve:\n"
                + "    curl -X POST " + gatewayBaseUrl + "/auth/initiate\n"
                + "    curl " + gatewayBaseUrl + "/auth/poll -H 'Content-Type: application/json' "
                + "-d '{\"device_code\":\"<device_code>\"}'   (until it answers \"success\")\n"
                + "  or serve a DashScope / Coding Plan API key: QWEN_API_KEY=sk-... " + COMMAND;
    }

    /** The terminal login command, with the jar or launcher this gateway was started with. */
    public static String authCommand() {
        return startCommand() + " auth";
    }

    /** The command that started this gateway as the user would type it: the launcher, else {@code java -jar} its jar. */
    public static String startCommand() {
        return COMMAND;
    }

    public static String missing(Path file) {
        return "No Qwen credentials at " + file + ". " + howToLogIn();
    }

    /** @param missing the fields {@link OAuthCredentials#missingFields()} names */
    public static String incomplete(Path file, List<String> missing) {
        return file + " is incomplete: " + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                + " missing or empty (a login writes access_token, refresh_token, token_type and expiry_date).";
    }

    public static String refreshTokenDead(String detail) {
        return "The Qwen refresh token no longer works (" + detail + "); the credentials file was kept untouched. "
                + howToLogIn();
    }

    public static String rejectedAfterRefresh() {
        return "Qwen rejects even a freshly refreshed access token. Qwen OAuth's free tier was discontinued on "
                + "2026-04-15, so the account may no longer be served this way. " + howToLogIn();
    }

    /**
     * The launcher when one started the gateway ({@code bin/qwen-gateway}), else {@code java -jar} and the jar; each
     * relative to the working directory when it lies below it.
     */
    static String command(LaunchOrigin origin, Path workingDirectory) {
        if (origin.launcher().isPresent()) {
            return asTyped(origin.launcher().get(), workingDirectory);
        }
        return "java -jar " + origin.jar().map(jar -> asTyped(jar, workingDirectory)).orElse(FALLBACK_JAR);
    }

    private static String asTyped(Path file, Path workingDirectory) {
        return file.startsWith(workingDirectory) ? workingDirectory.relativize(file).toString() : file.toString();
    }
}
