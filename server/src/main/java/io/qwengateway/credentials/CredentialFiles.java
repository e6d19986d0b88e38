package io.qwengateway.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Names of the files the qwen-code CLI and the gateway share in {@code ~/.qwen}. */
public final class CredentialFiles {

    public static final String DEFAULT_FILE = "oauth_creds.json";
    public static final String LOCK_FILE = "oauth_creds.lock";
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** {@code oauth_creds.json} (the qwen-code CLI's own account) and {@code oauth_creds_<name>.json}. */
    private static final Pattern CREDENTIALS_FILE = Pattern.compile("oauth_creds(?:_(.+))?\\.json");

    private CredentialFiles() {
    }

    /**
     * The cross-process lock of a credentials file: the CLI's {@code oauth_creds.lock} for its own
     * {@code oauth_creds.json}, and {@code oauth_creds_<name>.lock} beside a named account's file, so that refreshes of
     * different accounts never wait for each other.
     */
    public static Path lockFor(Path credentialsFile) {
        String name = credentialsFile.getFileName().toString();
        if (name.equals(DEFAULT_FILE)) {
            return credentialsFile.resolveSibling(LOCK_FILE);
        }
        String base = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return credentialsFile.resolveSibling(base + ".lock");
    }

    /** Every credentials file in {@code home}, sorted by name; none when the directory does not exist. */
    public static List<Path> in(Path home) throws IOException {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(home)) {
            return entries.filter(path -> CREDENTIALS_FILE.matcher(path.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
    }

    /** The account of a credentials file: its name, or empty for the CLI's own {@code oauth_creds.json}. */
    public static Optional<String> accountOf(Path file) {
        Matcher name = CREDENTIALS_FILE.matcher(file.getFileName().toString());
        return name.matches() ? Optional.ofNullable(name.group(1)) : Optional.empty();
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
