package io.qwengateway.auth.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.LoginHints;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.credentials.QwenOAuthProperties;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code java -jar <jar> auth list}: each credentials file in {@code $QWEN_HOME} with its account name, whether it is
 * usable, and when its access token expires. Never a token.
 */
public class AccountList {

    /** {@code oauth_creds.json} (the qwen-code CLI's own account) and {@code oauth_creds_<name>.json}. */
    private static final Pattern CREDENTIALS_FILE = Pattern.compile("oauth_creds(?:_(.+))?\\.json");
    private static final String DEFAULT_ACCOUNT = "(default)";
    private static final String ROW = "%-20s %-11s %-26s %s%n";

    private final QwenOAuthProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public AccountList(QwenOAuthProperties properties, ObjectMapper json, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    public int print(PrintStream out) throws IOException {
        List<Path> files = credentialsFiles();
        if (files.isEmpty()) {
            out.println("No Qwen accounts in " + properties.home() + ". Log in with '" + LoginHints.authCommand()
                    + " [--account NAME]'.");
            return 0;
        }
        out.printf(ROW, "ACCOUNT", "STATE", "EXPIRES", "FILE");
        for (Path file : files) {
            Status status = statusOf(file);
            out.printf(ROW, accountOf(file), status.state(), status.expiry(), file);
        }
        out.println();
        out.println("An expired access token is refreshed on its next use, as long as its refresh token works.");
        return 0;
    }

    private List<Path> credentialsFiles() throws IOException {
        if (!Files.isDirectory(properties.home())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(properties.home())) {
            return entries.filter(path -> CREDENTIALS_FILE.matcher(path.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        }
    }

    private static String accountOf(Path file) {
        Matcher name = CREDENTIALS_FILE.matcher(file.getFileName().toString());
        return name.matches() && name.group(1) != null ? name.group(1) : DEFAULT_ACCOUNT;
    }

    private Status statusOf(Path file) {
        try {
            Optional<OAuthCredentials> credentials = new CredentialFileStore(file, json).read();
            if (credentials.isEmpty() || !credentials.get().isComplete()) {
                return new Status("incomplete", "-");
            }
            OAuthCredentials complete = credentials.get();
            boolean expired = complete.expiresWithin(properties.refreshAhead(), clock.instant());
            return new Status(expired ? "expired" : "valid", complete.expiry().toString());
        } catch (IOException e) {
            return new Status("unreadable", "-");
        }
    }

    private record Status(String state, String expiry) {
    }
}
