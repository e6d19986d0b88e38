package io.qwengateway.credentials;

import java.nio.file.Path;
import java.util.regex.Pattern;

/** Names of the files the qwen-code CLI and the gateway share in {@code ~/.qwen}. */
public final class CredentialFiles {

    public static final String DEFAULT_FILE = "oauth_creds.json";
    public static final String LOCK_FILE = "oauth_creds.lock";
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CredentialFiles() {
    }

    /** {@code oauth_creds.json} for the CLI's account, {@code oauth_creds_<name>.json} for a named one. */
    public static Path pathFor(Path home, String account) {
        if (account == null || account.isBlank()) {
            return home.resolve(DEFAULT_FILE);
        }
        if (!ACCOUNT_NAME.matcher(account).matches()) {
            throw new IllegalArgumentException(
                    "Account names may use letters, digits, '.', '_' and '-' (at most 64): " + account);
        }
        return home.resolve("oauth_creds_" + account + ".json");
    }
}
