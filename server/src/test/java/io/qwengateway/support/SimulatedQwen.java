package io.qwengateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatedCredentials;

/**
 * One Qwen simulator and one credentials directory for the whole test JVM, so that every integration test shares a
 * single gateway context. Each test starts from {@link #freshLogin()}.
 */
public final class SimulatedQwen {

    private static final QwenSimulator SIMULATOR = QwenSimulator.start();
    private static final Path HOME = createHome();
    private static final Path DATA = createDirectory("qwen-gateway-it-data-");

    private SimulatedQwen() {
    }

    public static QwenSimulator simulator() {
        return SIMULATOR;
    }

    /** The gateway's {@code QWEN_HOME}. */
    public static Path home() {
        return HOME;
    }

    /** The gateway's data directory ({@code gateway.directories.data}): usage history, debug files. */
    public static Path dataDirectory() {
        return DATA;
    }

    public static Path credentialsFile() {
        return HOME.resolve("oauth_creds.json");
    }

    /** Resets the simulator and writes credentials valid for an hour, as after a login with the CLI. */
    public static SimulatedCredentials freshLogin() {
        return login(Duration.ofHours(1));
    }

    /** Resets the simulator and writes credentials whose access token lives {@code ttl} (zero or less: expired). */
    public static SimulatedCredentials login(Duration ttl) {
        SIMULATOR.reset();
        SimulatedCredentials credentials = SIMULATOR.oauth().issueCredentials(ttl);
        try {
            Files.deleteIfExists(HOME.resolve("oauth_creds.lock"));
            credentials.writeOauthCredsFile(HOME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return credentials;
    }

    private static Path createHome() {
        return createDirectory("qwen-gateway-it-");
    }

    private static Path createDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(prefix);
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
