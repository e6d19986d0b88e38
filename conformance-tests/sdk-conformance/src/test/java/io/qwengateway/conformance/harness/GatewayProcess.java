package io.qwengateway.conformance.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway as users run it: {@code java -jar qwen-gateway-server-*.jar} in its own JVM, on a free loopback port.
 * A separate process is the honest drop-in proof (nothing of the test classpath leaks into the server) and keeps the
 * SDKs' Jackson 2 and Kotlin away from the server's Jackson 3.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String baseUrl;
    private final Path log;

    private GatewayProcess(Process process, String baseUrl, Path log) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** Starts the jar with these Spring properties ({@code name=value}) and waits until {@code /health} answers. */
    public static GatewayProcess start(Path jar, Path log, List<String> properties) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No gateway jar at " + jar + ": build the server first ("
                    + "./mvnw -q -DskipTests package), or run the whole reactor (./mvnw verify)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + port));
        properties.forEach(property -> command.add("--" + property));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // The gateway's documented environment variables (QWEN_API_BASE_URL, QWEN_API_KEY, ...) would override
            // the test's set-up from a developer's shell: the process sees only what the test passes.
            builder.environment().keySet().removeIf(name -> name.startsWith("QWEN_") || name.startsWith("DASHSCOPE_")
                    || List.of("DEBUG_LOG", "LOG_LEVEL", "LOG_FILE_LIMIT", "GATEWAY_ADMIN_KEY").contains(name));
            // The usage history and debug files stay out of the developer's own data directory.
            builder.environment().put("QWEN_GATEWAY_DATA_DIR",
                    Files.createTempDirectory("conformance-gateway-data-").toString());
            Process process = builder.start();
            GatewayProcess gateway = new GatewayProcess(process, "http://127.0.0.1:" + port, log);
            gateway.awaitHealthy();
            return gateway;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Like {@code http://127.0.0.1:41234}; the OpenAI API is under {@code /v1}. */
    public String baseUrl() {
        return baseUrl;
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(Duration.ofSeconds(2))
                .build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway exited with " + process.exitValue() + "; log: "
                        + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(200));
        }
        close();
        throw new IllegalStateException("The gateway did not answer /health within " + STARTUP_TIMEOUT + "; log: "
                + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
