package io.qwengateway.auth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.GatewayCommandLine;
import io.qwengateway.cli.GatewayCommand;
import io.qwengateway.simulator.QwenSimulator;

/**
 * The {@code auth} commands as {@code main} runs them: the login in its own Spring context without a web server,
 * the list without any context, both configured by the same properties as the server.
 */
class AuthCommandTest {

    private static final QwenSimulator sim = QwenSimulator.start();

    @TempDir
    Path home;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void logsInToANamedAccountAndListsIt() throws Exception {
        CompletableFuture<Void> user = CompletableFuture.runAsync(this::approveTheFirstLogin);

        int exitCode = run("auth", "--account", "cli-test", "--gateway.qwen-oauth.oauth-base-url=" + sim.baseUrl(),
                "--gateway.qwen-oauth.login.initial-poll-interval=10ms");

        user.get(10, TimeUnit.SECONDS);
        Path file = home.resolve("oauth_creds_cli-test.json");
        assertThat(exitCode).as(output()).isZero();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(home)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(output()).contains("Logged in. Credentials saved to " + file);

        assertThat(run("auth", "list")).isZero();
        assertThat(output()).containsPattern("cli-test +valid ");
    }

    @Test
    void springPropertiesBeforeTheCommandReachItToo() throws Exception {
        Files.writeString(home.resolve("oauth_creds_early.json"), "{}");

        assertThat(execute("--gateway.qwen-oauth.home=" + home, "auth", "list")).isZero();

        assertThat(output()).containsPattern("early +incomplete ");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(run("auth", "--acount", "x")).isEqualTo(2);

        assertThat(errors()).contains("Unknown option '--acount'").contains("Possible solutions: --account")
                .contains("Usage: java -jar ").contains(" auth [-hV] [--account=NAME] [COMMAND]")
                .contains(" auth --help' for its commands and settings.");
        assertThat(output()).isEmpty();
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertThat(run("auth", "lis")).isEqualTo(2);

        assertThat(errors()).contains("Unknown command 'lis'").contains("Did you mean: auth list?");
    }

    @Test
    void aBadAccountNameIsRefusedBeforeAnyLogin() {
        int requestsBefore = sim.oauth().deviceCodeCount();

        assertThat(run("auth", "--account", "../escape", "--gateway.qwen-oauth.oauth-base-url=" + sim.baseUrl()))
                .isOne();

        assertThat(output()).contains("Account names may use");
        assertThat(sim.oauth().deviceCodeCount()).isEqualTo(requestsBefore);
    }

    @Test
    void authHelpNamesTheAccountOptionAndTheListCommand() {
        assertThat(run("auth", "--help")).isZero();

        assertThat(output()).contains("--account=NAME").contains("list").contains("oauth_creds_NAME.json");
    }

    private int run(String... args) {
        String[] withHome = new String[args.length + 1];
        System.arraycopy(args, 0, withHome, 0, args.length);
        withHome[args.length] = "--gateway.qwen-oauth.home=" + home;
        return execute(withHome);
    }

    private int execute(String... args) {
        GatewayCommand root = new GatewayCommand();
        int exitCode = GatewayCommandLine.create(root, new PrintStream(printed, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8)).execute(args);
        assertThat(root.serveArguments()).as("no server for an auth command").isEmpty();
        return exitCode;
    }

    /** What the user does on the phone, once the command has started the login. */
    private void approveTheFirstLogin() {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.oauth().pendingUserCodes().isEmpty() && System.nanoTime() < giveUp) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        sim.oauth().pendingUserCodes().forEach(sim.oauth()::approve);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private String errors() {
        return errors.toString(StandardCharsets.UTF_8);
    }
}
