package io.qwengateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.usage.SqliteUsageStore;
import io.qwengateway.usage.UsageCounts;
import io.qwengateway.usage.UsageRow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built jar as users run it ({@code java -jar}, its own JVM, nothing of the test's classpath), with {@code HOME}
 * set to a temporary directory and no {@code -Duser.home}: the password database's home is not where the
 * credentials are, as in containers, systemd units, {@code sudo -E} and CI.
 */
class JarCommandLineIT {

    private static final Path JAR = Path.of(System.getProperty("gateway.jar", "target/qwen-gateway-server.jar"));
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(90);
    /** 2100-01-01: the token is valid for the whole test and nothing refreshes it. */
    private static final long EXPIRY = 4_102_444_800_000L;

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(JAR).as("the gateway jar: failsafe runs after package; from an IDE, build it first "
                + "(./mvnw -q -pl server -am -DskipTests package) and set -Dgateway.jar").isRegularFile();
    }

    @AfterEach
    void stopProcesses() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void theServerServesTheCredentialsUnderHomeNotUnderTheJvmsUserHome() throws Exception {
        writeCredentials(home.resolve(".qwen"), "home-resource.example");
        int port = freePort();

        start(Map.of(), List.of("--server.address=127.0.0.1", "--server.port=" + port));

        JsonNode health = awaitHealth(port);
        assertThat(health.path("status").asString()).isEqualTo("ok");
        assertThat(health.path("credential").path("state").asString()).isEqualTo("valid");
        assertThat(health.path("credential").path("expiry_date").asLong()).isEqualTo(EXPIRY);
        assertThat(health.path("upstream_base_url").asString()).isEqualTo("https://home-resource.example/v1");
        assertThat(health.path("version").asString()).isEqualTo(System.getProperty("gateway.version"));
    }

    @Test
    void authListListsTheDirectoryUnderHome() throws Exception {
        writeCredentials(home.resolve(".qwen"), "portal.qwen.ai");

        Result list = run(Map.of(), "auth", "list");

        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).containsPattern("\\(default\\) +valid +2100-01-01T00:00:00Z +"
                + Pattern.quote(home.resolve(".qwen/oauth_creds.json").toString()));
    }

    @Test
    void usagePrintsTheHistoryOfTheDataDirectoryAndNothingElse() throws Exception {
        Path data = home.resolve(".local/share/qwen-gateway");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        SqliteUsageStore.open(data.resolve("usage.db")).add(List.of(new UsageRow(today, "default", "coder-model",
                new UsageCounts(4, 1, 12345, 678, 9000, 12))));

        Result usage = run(Map.of(), "usage", "--days", "2", "--gateway.usage.time-zone=UTC");

        assertThat(usage.exitCode()).as(usage.output()).isZero();
        assertThat(usage.output()).startsWith("Usage from " + today.minusDays(1) + " to " + today + " (UTC)")
                .containsPattern(today + " +default +coder-model +4 +1 +12,345 +678 +9,000 +12")
                .doesNotContain("DEBUG").doesNotContain("INFO");
    }

    @Test
    void aTildeInQwenHomeIsHome() throws Exception {
        writeCredentials(home.resolve("elsewhere"), "portal.qwen.ai");

        Result list = run(Map.of("QWEN_HOME", "~/elsewhere"), "auth", "list");

        assertThat(list.output()).contains(home.resolve("elsewhere/oauth_creds.json").toString());
    }

    @Test
    void helpAndTheHelpCommandPrintTheCommandsAndSettingsAndExit() throws Exception {
        for (String help : List.of("--help", "help")) {
            Result result = run(Map.of(), help);

            assertThat(result.exitCode()).as(help).isZero();
            assertThat(result.output()).as(help).contains("Commands:").contains("serve").contains("auth")
                    .contains("QWEN_HOME").contains("API_KEY").doesNotContain("Tomcat");
        }
    }

    @Test
    void versionPrintsTheBuiltVersionAndExits() throws Exception {
        Result result = run(Map.of(), "--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).startsWith("Qwen Gateway " + System.getProperty("gateway.version") + "\n");
    }

    @Test
    void anUnknownCommandExitsWithTwoAndTheUsage() throws Exception {
        Result result = run(Map.of(), "hlep");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).startsWith("Unknown command 'hlep'").contains("Usage: java -jar ");
    }

    @Test
    void ctrlCDuringTheLoginSaysLoginCancelledAndSavesNothing() throws Exception {
        assumeFalse(sigintIgnoredHere(), "SIGINT is ignored in this process (a background job of a shell without job "
                + "control), so the login started from it inherits that and cannot see a Ctrl-C");
        try (QwenSimulator sim = QwenSimulator.start()) {
            Path log = home.resolve("login.log");
            Process login = start(Map.of(), List.of("auth", "--gateway.qwen-oauth.oauth-base-url=" + sim.baseUrl()),
                    log);
            awaitOutput(login, log, "Waiting for approval: ");

            new ProcessBuilder("kill", "-INT", Long.toString(login.pid())).start().waitFor();

            assertThat(login.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(login.exitValue()).isEqualTo(130);
            String output = Files.readString(log);
            assertThat(output).as("no countdown without a terminal").doesNotContain("\r")
                    .endsWith(" left\nLogin cancelled.\n");
            assertThat(home.resolve(".qwen/oauth_creds.json")).doesNotExist();
        }
    }

    private record Result(int exitCode, String output) {
    }

    private Result run(Map<String, String> environment, String... args) throws Exception {
        Path log = Files.createTempFile(home, "run", ".log");
        Process process = start(environment, List.of(args), log);
        assertThat(process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("exited").isTrue();
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private Process start(Map<String, String> environment, List<String> args) throws IOException {
        return start(environment, args, home.resolve("server.log"));
    }

    /** {@code java -jar} with {@code HOME} set and none of the gateway's variables from the developer's shell. */
    private Process start(Map<String, String> environment, List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QWEN_") || name.startsWith("DASHSCOPE_")
                || name.equals("API_KEY") || name.equals("HOST") || name.equals("PORT"));
        builder.environment().put("HOME", home.toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static void writeCredentials(Path directory, String resourceUrl) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("oauth_creds.json"), """
                {"access_token": "home-access", "token_type": "Bearer", "refresh_token": "home-refresh",
                 "resource_url": "%s", "expiry_date": %d}""".formatted(resourceUrl, EXPIRY));
    }

    private static JsonNode awaitHealth(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant giveUp = Instant.now().plus(PROCESS_TIMEOUT);
        while (true) {
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                return JsonMapper.builder().build().readTree(response.body());
            } catch (IOException notListeningYet) {
                assertThat(Instant.now()).as("the server answers /health").isBefore(giveUp);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
        }
    }

    private static void awaitOutput(Process process, Path log, String expected) throws IOException {
        Instant giveUp = Instant.now().plus(PROCESS_TIMEOUT);
        while (!Files.readString(log).contains(expected)) {
            assertThat(process.isAlive()).as("still running; output: %s", Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("'%s' printed", expected).isBefore(giveUp);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGINT is in this process's ignored signals ({@code SigIgn} of /proc/self/status, bit 2), which children keep. */
    private static boolean sigintIgnoredHere() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
