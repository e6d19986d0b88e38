package io.qwengateway.auth.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.LoginHints;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.credentials.PrivateFiles;
import io.qwengateway.credentials.QwenOAuthProperties;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code java -jar <jar> auth list}: each credentials file in {@code $QWEN_HOME} with its account name, whether it is
 * usable, and when its access token expires. Never a token.
 */
public class AccountList {

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
        List<Path> files = CredentialFiles.in(properties.home());
        if (files.isEmpty()) {
            out.println("No Qwen accounts in " + properties.home() + ". Log in with '" + LoginHints.authCommand()
                    + " [--account NAME]'.");
            return 0;
        }
        // What is wrong with a file (why unreadable, what is missing, who else can read it), below the table.
        List<String> notes = new ArrayList<>();
        PrivateFiles.exposure(properties.home()).ifPresent(exposed -> notes.add("Warning: " + exposed));
        out.printf(ROW, "ACCOUNT", "STATE", "EXPIRES", "FILE");
        for (Path file : files) {
            Status status = statusOf(file);
            out.printf(ROW, accountOf(file), status.state(), status.expiry(), file);
            if (status.note() != null) {
                notes.add(status.note());
            }
            PrivateFiles.exposure(file).ifPresent(exposed -> notes.add("Warning: " + exposed));
        }
        out.println();
        notes.forEach(out::println);
        if (!notes.isEmpty()) {
            out.println();
        }
        out.println("An expired access token is refreshed on its next use, as long as its refresh token works.");
        return 0;
    }

    private static String accountOf(Path file) {
        return CredentialFiles.accountOf(file).orElse(DEFAULT_ACCOUNT);
    }

    private Status statusOf(Path file) {
        try {
            Optional<OAuthCredentials> credentials = new CredentialFileStore(file, json).read();
            if (credentials.isEmpty()) {
                return new Status("incomplete", "-", file + " was removed while it was listed.");
            }
            OAuthCredentials read = credentials.get();
            if (!read.isComplete()) {
                return new Status("incomplete", "-", LoginHints.incomplete(file, read.missingFields()));
            }
            boolean expired = read.expiresWithin(properties.refreshAhead(), clock.instant());
            return new Status(expired ? "expired" : "valid", read.expiry().toString(), null);
        } catch (IOException e) {
            return new Status("unreadable", "-", e.getMessage());
        }
    }

    /** @param note why the file cannot be used as it is; null when it can */
    private record Status(String state, String expiry, String note) {
    }
}
