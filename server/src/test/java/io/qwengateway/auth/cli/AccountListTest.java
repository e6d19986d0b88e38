package io.qwengateway.auth.cli;

import io.qwengateway.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.auth.AuthTestSupport;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.OAuthCredentials;

class AccountListTest {

    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @TempDir
    Path home;

    @Test
    void listsEachAccountWithItsStateAndExpiryButNoToken() throws Exception {
        save(null, credentials("default-access", NOW.plusSeconds(3600)));
        save("work", credentials("work-access", NOW.minusSeconds(60)));
        save("soon", credentials("soon-access", NOW.plusSeconds(20)));
        save("half", new OAuthCredentials("half-access", "", "Bearer", null, 0));
        Files.writeString(CredentialFiles.pathFor(home, "broken"), "{not json");
        Files.writeString(home.resolve("oauth_creds.json.tmp.123"), "{}");
        Files.writeString(home.resolve("settings.json"), "{}");

        String output = list();

        assertThat(output.lines().filter(line -> line.matches("\\S+ +\\S+ +\\S+ +/.*"))).hasSize(5);
        assertThat(row(output, "oauth_creds.json")).startsWith("(default)").contains(" valid ")
                .contains("2026-05-01T13:00:00Z");
        assertThat(row(output, "oauth_creds_work.json")).startsWith("work").contains(" expired ")
                .contains("2026-05-01T11:59:00Z");
        assertThat(row(output, "oauth_creds_soon.json")).as("expired 30 s ahead, as the refresh does")
                .contains(" expired ");
        assertThat(row(output, "oauth_creds_half.json")).startsWith("half").contains(" incomplete ");
        assertThat(row(output, "oauth_creds_broken.json")).startsWith("broken").contains(" unreadable ");
        assertThat(output).doesNotContain("access\"").doesNotContain("-access").doesNotContain("refresh-token");
    }

    @Test
    void belowTheTableItSaysWhyAFileCannotBeUsed() throws Exception {
        save("half", new OAuthCredentials("half-access", "", "Bearer", null, 0));
        Files.writeString(CredentialFiles.pathFor(home, "broken"), "{not json");
        Files.writeString(CredentialFiles.pathFor(home, "far"),
                "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"token_type\":\"Bearer\",\"expiry_date\":1e300}");

        String output = list();

        assertThat(output).contains(CredentialFiles.pathFor(home, "half")
                + " is incomplete: refresh_token, expiry_date are missing or empty");
        assertThat(output).contains(CredentialFiles.pathFor(home, "broken") + " is not valid JSON: ");
        assertThat(output).contains(CredentialFiles.pathFor(home, "far") + ": expiry_date 1.0E300 is out of range");
    }

    @Test
    void filesAndDirectoriesOthersCanReadAreShownWithTheFix() throws Exception {
        save(null, credentials("default-access", NOW.plusSeconds(3600)));
        save("shared", credentials("shared-access", NOW.plusSeconds(3600)));
        Path shared = CredentialFiles.pathFor(home, "shared");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));

        String output = list();

        assertThat(output).contains("Warning: " + shared + " can be read or changed by other users (mode 0644)")
                .contains("chmod 600 " + shared)
                .contains("Warning: " + home + " can be listed or changed by other users (mode 0755)")
                .contains("chmod 700 " + home);
        assertThat(output).as("the private file").doesNotContain("Warning: " + home.resolve("oauth_creds.json"));
    }

    @Test
    void anEmptyHomeSaysHowToLogIn() throws Exception {
        assertThat(list()).contains("No Qwen accounts in " + home).contains("auth [--account NAME]");
    }

    private String list() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new AccountList(AuthTestSupport.oauthProperties(home, "http://127.0.0.1:9"), AuthTestSupport.JSON,
                new MutableClock(NOW)).print(new PrintStream(printed, true, StandardCharsets.UTF_8));
        return printed.toString(StandardCharsets.UTF_8);
    }

    private void save(String account, OAuthCredentials credentials) throws Exception {
        new CredentialFileStore(CredentialFiles.pathFor(home, account), AuthTestSupport.JSON).write(credentials);
    }

    private static OAuthCredentials credentials(String accessToken, Instant expiry) {
        return new OAuthCredentials(accessToken, "refresh-token", "Bearer", "portal.qwen.ai", expiry.toEpochMilli());
    }

    private static String row(String output, String fileName) {
        return output.lines().filter(line -> line.endsWith("/" + fileName)).findFirst().orElseThrow();
    }
}
