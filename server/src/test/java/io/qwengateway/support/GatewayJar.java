package io.qwengateway.support;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged gateway as a user starts it: {@code java -jar} in its own JVM, from a working directory and with an
 * environment the test chooses. The jar is the one {@code package} built (integration tests run after it).
 */
public final class GatewayJar implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final Path output;

    private GatewayJar(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** {@code target/qwen-gateway-server-<version>.jar} of this module. */
    public static Path builtJar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("qwen-gateway-server-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "No gateway jar in target/: integration tests run after package (./mvnw verify)"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code java -jar jar args} in {@code workingDirectory}; the gateway's documented environment variables of
     * the developer's shell are removed, {@code environment} added. Output (stdout and stderr) goes to a file.
     */
    public static GatewayJar start(Path jar, Path workingDirectory, Map<String, String> environment,
            List<String> args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(args);
        return startCommand(command, workingDirectory, environment);
    }

    /** Starts {@code command} (such as the launcher and its arguments) like {@link #start}. */
    public static GatewayJar startCommand(List<String> command, Path workingDirectory,
            Map<String, String> environment) {
        try {
            Path output = Files.createTempFile("gateway-jar-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("QWEN_") || name.startsWith("DASHSCOPE_")
                    || List.of("API_KEY", "HOST", "PORT", "DEBUG_LOG", "LOG_LEVEL", "LOG_FILE_LIMIT").contains(name));
            // The usage history and debug files stay out of the developer's own data directory.
            builder.environment().put("QWEN_GATEWAY_DATA_DIR",
                    Files.createTempDirectory("gateway-jar-data-").toString());
            builder.environment().putAll(environment);
            return new GatewayJar(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code baseUrl/health} answers 200; fails at once if the process ends first. */
    public void awaitHealthy(String baseUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl + "/health")).timeout(Duration.ofSeconds(2))
                .build();
        try {
            Awaitility.await().atMost(STARTUP_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("The gateway exited with " + process.exitValue()
                                    + ":\n" + output());
                        }
                        return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("The gateway did not answer /health in time:\n" + output(), e);
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("The gateway is still running:\n" + output());
        }
        return process.exitValue();
    }

    /** The process's id (the JVM's, for a launcher that execs it). */
    public long pid() {
        return process.pid();
    }

    /** Everything the process printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test's gateway needs no graceful shutdown. */
    @Override
    public void close() throws IOException {
        try {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(output);
    }
}
