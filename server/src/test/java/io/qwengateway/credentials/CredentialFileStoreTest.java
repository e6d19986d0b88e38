package io.qwengateway.credentials;

import static io.qwengateway.credentials.CredentialFixtures.JSON;
import static io.qwengateway.credentials.CredentialFixtures.credentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialFileStoreTest {

    private static final String CLI_FILE = """
            {
              "access_token": "access-1",
              "token_type": "Bearer",
              "refresh_token": "refresh-1",
              "resource_url": "portal.qwen.ai",
              "expiry_date": 1767225600000
            }""";

    @TempDir
    Path home;

    private CredentialFileStore storeIn(Path directory) {
        return new CredentialFileStore(directory.resolve(CredentialFiles.DEFAULT_FILE), JSON);
    }

    @Test
    void writesJsonExactlyAsTheClisJsonStringifyWithTwoSpaces() throws IOException {
        CredentialFileStore store = storeIn(home);

        store.write(credentials("access-1", "refresh-1", 1767225600000L));

        assertThat(Files.readString(store.file())).isEqualTo(CLI_FILE);
    }

    @Test
    void aFileTheCliWroteReadsBackAndIsRewrittenByteForByte() throws IOException {
        CredentialFileStore store = storeIn(home);
        Files.writeString(store.file(), CLI_FILE);

        OAuthCredentials read = store.read().orElseThrow();
        store.write(read);

        assertThat(read).isEqualTo(credentials("access-1", "refresh-1", 1767225600000L));
        assertThat(Files.readString(store.file())).isEqualTo(CLI_FILE);
    }

    @Test
    void unknownFieldsSurviveARewriteInTheirOrderFormattedAsJsonStringify() throws IOException {
        CredentialFileStore store = storeIn(home);
        Files.writeString(store.file(), """
                {"access_token":"a","refresh_token":"r","token_type":"Bearer","expiry_date":5,
                 "z_newer_cli":{"k":"v"},"a_flag":true,"m_list":[1,2],"b_none":null,"y_empty":{},"c_empty":[]}""");

        store.write(store.read().orElseThrow());

        assertThat(Files.readString(store.file())).endsWith("""
                  "expiry_date": 5,
                  "z_newer_cli": {
                    "k": "v"
                  },
                  "a_flag": true,
                  "m_list": [
                    1,
                    2
                  ],
                  "b_none": null,
                  "y_empty": {},
                  "c_empty": []
                }""");
    }

    @Test
    void writesAPrivateFileInAPrivateDirectoryItCreates() throws IOException {
        Path directory = home.resolve("nested/.qwen");
        CredentialFileStore store = storeIn(directory);

        store.write(credentials("a", "r", 5));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void aWriteLeavesNoTemporaryFileBehind() throws IOException {
        CredentialFileStore store = storeIn(home);

        store.write(credentials("a", "r", 5));
        store.write(credentials("b", "r", 6));

        assertThat(fileNamesIn(home)).containsExactly(CredentialFiles.DEFAULT_FILE);
        assertThat(store.read().orElseThrow().accessToken()).isEqualTo("b");
    }

    @Test
    void aTemporaryFileLeftByAnInterruptedWriteNeverReplacesTheTarget() throws IOException {
        CredentialFileStore store = storeIn(home);
        store.write(credentials("good", "r", 5));
        Path leftover = home.resolve(CredentialFiles.DEFAULT_FILE + ".tmp.0b9c2f4e-dead-beef-0000-000000000000");
        Files.writeString(leftover, "{\"access_token\": \"half-writ");

        assertThat(store.read().orElseThrow().accessToken()).isEqualTo("good");
        store.write(credentials("next", "r", 6));

        assertThat(store.read().orElseThrow().accessToken()).isEqualTo("next");
        assertThat(Files.readString(leftover)).isEqualTo("{\"access_token\": \"half-writ");
    }

    @Test
    void aFailedRenameKeepsNoTemporaryFile() throws IOException {
        CredentialFileStore store = storeIn(home);
        Files.createDirectories(store.file().resolve("occupied"));

        assertThatThrownBy(() -> store.write(credentials("a", "r", 5))).isInstanceOf(IOException.class);

        assertThat(fileNamesIn(home)).containsExactly(CredentialFiles.DEFAULT_FILE);
        assertThat(store.file()).isDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"access_token\": \"a\", \"refresh_tok", "[1, 2]", "\"text\"", "", "<html>WAF</html>"})
    void anUnreadableFileIsAnIOExceptionAndStaysAsItWas(String content) throws IOException {
        CredentialFileStore store = storeIn(home);
        Files.writeString(store.file(), content);

        assertThatThrownBy(store::read).isInstanceOf(IOException.class).hasMessageContaining(store.file().toString());

        assertThat(Files.readString(store.file(), StandardCharsets.UTF_8)).isEqualTo(content);
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsNamedAsTheCause() throws IOException {
        CredentialFileStore store = storeIn(home);
        Files.createDirectories(store.file());

        assertThatThrownBy(store::read).hasMessage("Cannot read " + store.file() + ": it is a directory, not a file");
    }

    @Test
    void aFileTheGatewayMayNotReadSaysPermissionDenied() {
        // Running as root (CI) no mode keeps a file from being read, so the cause is given as the JDK reports it.
        Path file = home.resolve(CredentialFiles.DEFAULT_FILE);

        assertThat(CredentialFileStore.whyUnreadable(file, new AccessDeniedException(file.toString())))
                .startsWith("permission denied (the gateway runs as user ").doesNotContain(file.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e300", "-1e300", "1e400", "8640000000000001", "123456789012345678901234567890"})
    void anExpiryOutOfRangeNamesTheFieldAndTheRange(String expiry) throws IOException {
        CredentialFileStore store = storeIn(home);
        Files.writeString(store.file(),
                "{\"access_token\":\"a\",\"refresh_token\":\"r\",\"token_type\":\"Bearer\",\"expiry_date\":" + expiry + "}");

        assertThatThrownBy(store::read).hasMessageStartingWith(store.file() + ": expiry_date ")
                .hasMessageContaining(" is out of range: epoch milliseconds go up to 8640000000000000")
                .hasMessageNotContaining("\"a\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "\"soon\"", "{}", "[1]"})
    void anExpiryThatIsNoNumberSaysSo(String expiry) throws IOException {
        CredentialFileStore store = storeIn(home);
        Files.writeString(store.file(), "{\"access_token\":\"a\",\"expiry_date\":" + expiry + "}");

        assertThatThrownBy(store::read)
                .hasMessageStartingWith(store.file() + ": expiry_date must be a number (epoch milliseconds), not ");
    }

    @Test
    void anExpiryAsNumericTextOrAtTheLimitIsRead() throws IOException {
        CredentialFileStore store = storeIn(home);
        Files.writeString(store.file(), "{\"expiry_date\":\"1790000000000\"}");
        assertThat(store.read().orElseThrow().expiryDate()).isEqualTo(1790000000000L);

        Files.writeString(store.file(), "{\"expiry_date\":8640000000000000}");
        assertThat(store.read().orElseThrow().expiryDate()).isEqualTo(8640000000000000L);
    }

    @Test
    void anExistingDirectoryKeepsTheModeItHas() throws IOException {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-x---"));

        storeIn(home).write(credentials("a", "r", 5));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwxr-x---");
    }

    @Test
    void noFileReadsAsEmptyWithoutModificationTime() throws IOException {
        CredentialFileStore store = storeIn(home);

        assertThat(store.read()).isEmpty();
        assertThat(store.lastModified()).isEmpty();
    }

    private static Stream<String> fileNamesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).toList().stream();
        }
    }
}
