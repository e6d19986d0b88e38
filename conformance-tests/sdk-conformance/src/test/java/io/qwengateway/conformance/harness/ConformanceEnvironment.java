package io.qwengateway.conformance.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatedCredentials;

/**
 * One Qwen simulator (in this JVM, so tests can program it) and one gateway process in front of it, started on
 * first use and shared by every test of the JVM: a Spring Boot start costs seconds, a {@link #freshLogin()} nothing.
 *
 * <p>The gateway runs with its shipped configuration except for where Qwen is, shortened retry waits, and one client
 * API key, so that the 401 a wrong key earns is part of what the SDKs are checked against.
 */
public final class ConformanceEnvironment {

    /** The key every client sends; the gateway answers 401 {@code invalid_api_key} to any other. */
    public static final String CLIENT_KEY = "sk-conformance-client-key";

    private static final class Holder {
        private static final ConformanceEnvironment INSTANCE = start();
    }

    private final QwenSimulator simulator;
    private final Path qwenHome;
    private final GatewayProcess gateway;

    private ConformanceEnvironment(QwenSimulator simulator, Path qwenHome, GatewayProcess gateway) {
        this.simulator = simulator;
        this.qwenHome = qwenHome;
        this.gateway = gateway;
    }

    public static ConformanceEnvironment get() {
        return Holder.INSTANCE;
    }

    public QwenSimulator simulator() {
        return simulator;
    }

    /** The gateway's root, like {@code http://127.0.0.1:41234}. */
    public String gatewayUrl() {
        return gateway.baseUrl();
    }

    /** What an OpenAI client is configured with as its base URL. */
    public String openAiBaseUrl() {
        return gateway.baseUrl() + "/v1";
    }

    /**
     * Forgets what earlier tests programmed into the simulator and writes credentials valid for an hour, as after a
     * login with the qwen-code CLI. The gateway re-reads the file at once (its file check interval is zero).
     */
    public SimulatedCredentials freshLogin() {
        return freshLogin(simulator, qwenHome);
    }

    private static SimulatedCredentials freshLogin(QwenSimulator simulator, Path qwenHome) {
        simulator.reset();
        SimulatedCredentials credentials = simulator.oauth().issueCredentials(Duration.ofHours(1));
        try {
            Files.deleteIfExists(qwenHome.resolve("oauth_creds.lock"));
            credentials.writeOauthCredsFile(qwenHome);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return credentials;
    }

    private static ConformanceEnvironment start() {
        QwenSimulator simulator = QwenSimulator.start();
        Path home = createHome();
        freshLogin(simulator, home);
        GatewayProcess gateway = GatewayProcess.start(gatewayJar(), gatewayLog(), List.of(
                "gateway.credentials.source=qwen-oauth",
                "gateway.qwen-oauth.home=" + home,
                "gateway.qwen-oauth.oauth-base-url=" + simulator.baseUrl(),
                "gateway.qwen-oauth.file-check-interval=0s",
                "gateway.qwen-oauth.refresh-cooldown=0s",
                "gateway.upstream.retry.initial-backoff=10ms",
                "gateway.web.client-api-keys=" + CLIENT_KEY));
        ConformanceEnvironment environment = new ConformanceEnvironment(simulator, home, gateway);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            simulator.close();
        }, "conformance-environment-stop"));
        return environment;
    }

    /** Set by failsafe ({@code gateway.jar}); when a test runs from an IDE, the server module's target folder. */
    private static Path gatewayJar() {
        String configured = System.getProperty("gateway.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        Path target = Path.of("..", "..", "server", "target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "qwen-gateway-server-*.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException noTargetFolder) {
            // reported below
        }
        return target.resolve("qwen-gateway-server.jar");
    }

    private static Path gatewayLog() {
        return Path.of(System.getProperty("gateway.log", "target/gateway.log"));
    }

    private static Path createHome() {
        try {
            Path home = Files.createTempDirectory("qwen-conformance-");
            home.toFile().deleteOnExit();
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
