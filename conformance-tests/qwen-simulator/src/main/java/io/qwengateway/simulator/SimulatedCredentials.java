package io.qwengateway.simulator;

import io.qwengateway.simulator.support.Json;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A token pair the simulator issued, as the qwen-code CLI would store it after a login.
 *
 * @param expiryDateMillis when the access token expires, epoch milliseconds (the file's unit, not seconds)
 */
public record SimulatedCredentials(String accessToken, String refreshToken, String tokenType, String resourceUrl,
                                   long expiryDateMillis) {

    public static final String FILE_NAME = "oauth_creds.json";

    /** The exact content of {@code ~/.qwen/oauth_creds.json}: the CLI's {@code JSON.stringify(creds, null, 2)}. */
    public String toOauthCredsJson() {
        return "{\n"
                + "  \"access_token\": " + Json.quote(accessToken) + ",\n"
                + "  \"token_type\": " + Json.quote(tokenType) + ",\n"
                + "  \"refresh_token\": " + Json.quote(refreshToken) + ",\n"
                + "  \"resource_url\": " + Json.quote(resourceUrl) + ",\n"
                + "  \"expiry_date\": " + expiryDateMillis + "\n"
                + "}";
    }

    /** The value of an {@code Authorization} header carrying the access token. */
    public String authorizationHeader() {
        return tokenType + " " + accessToken;
    }

    /**
     * Writes {@value #FILE_NAME} into {@code directory} the way the CLI does: directory 0700, file 0600, replaced
     * atomically so that a gateway watching the file never reads half of it.
     *
     * @return the written file
     */
    public Path writeOauthCredsFile(Path directory) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(directory);
        if (posix) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        Path temporary = Files.createTempFile(directory, FILE_NAME, ".tmp");
        if (posix) {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temporary, toOauthCredsJson());
        return Files.move(temporary, directory.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }
}
