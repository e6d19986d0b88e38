package io.qwengateway.auth;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;

import io.qwengateway.credentials.QwenOAuthClient;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.simulator.SimulatorOptions;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The login's components wired by hand against a simulator, with the defaults of {@code application.yml}. */
public final class AuthTestSupport {

    public static final ObjectMapper JSON = JsonMapper.builder().build();
    public static final Duration TWO_SECONDS = Duration.ofSeconds(2);

    private static final CloseableHttpClient HTTP = HttpClients.custom().disableAutomaticRetries().build();

    private AuthTestSupport() {
    }

    public static QwenOAuthProperties oauthProperties(Path home, String oauthBaseUrl) {
        return oauthProperties(home, oauthBaseUrl, "", Duration.ofSeconds(1));
    }

    /** @param account the account the gateway serves; {@code ""} for the qwen-code CLI's own file */
    public static QwenOAuthProperties oauthProperties(Path home, String oauthBaseUrl, String account,
            Duration fileCheckInterval) {
        return new QwenOAuthProperties(home, account, URI.create(oauthBaseUrl), "/api/v1/oauth2/device/code",
                "/api/v1/oauth2/token", SimulatorOptions.QWEN_CODE_CLIENT_ID, "openid profile email model.completion",
                "QwenCode/0.15.11 (linux; x64)", Duration.ofSeconds(30), fileCheckInterval, Duration.ofSeconds(5),
                "https://dashscope.aliyuncs.com/compatible-mode/v1", Map.of("X-DashScope-AuthType", "qwen-oauth"),
                new QwenOAuthProperties.Lock(Duration.ofSeconds(10), Duration.ofMillis(100), 1.5,
                        Duration.ofSeconds(2), 20));
    }

    /** Polling from 2 s, ×1.5 on slow_down, at most 10 s: the production defaults (tests use fake clocks). */
    public static LoginProperties loginProperties() {
        return new LoginProperties(TWO_SECONDS, Duration.ofSeconds(10), 1.5, 100, new LoginProperties.Qr(4, 8));
    }

    public static DeviceFlowClient deviceFlowClient(QwenOAuthProperties properties) {
        return new DeviceFlowClient(new QwenOAuthClient(properties, HTTP, JSON));
    }

    public static LoginCompletion completion(QwenOAuthProperties properties, Clock clock) {
        return new LoginCompletion(properties, JSON, clock, Optional.empty());
    }

    public static DeviceLoginStarter starter(QwenOAuthProperties properties, Clock clock) {
        return new DeviceLoginStarter(deviceFlowClient(properties), completion(properties, clock), loginProperties(),
                clock);
    }

    public static Set<PosixFilePermission> permissions(Path file) throws IOException {
        return Files.getPosixFilePermissions(file);
    }

    /** Files a write may leave behind when it is interrupted: temporary files and the lock. */
    public static boolean hasLeftovers(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            return files.map(path -> path.getFileName().toString())
                    .anyMatch(name -> name.contains(".tmp.") || name.endsWith(".lock"));
        }
    }
}
