package io.qwengateway.auth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.simulator.QwenSimulator;

/**
 * The {@code auth} command line as {@code main} runs it: its own Spring context without a web server, configured by
 * the same properties as the server.
 */
class AuthCommandTest {

    private static final QwenSimulator sim = QwenSimulator.start();

    @TempDir
    Path home;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

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
        assertThat(output()).contains("Logged in. Credentials saved to " + file);

        assertThat(run("auth", "list")).isZero();
        assertThat(output()).containsPattern("cli-test +valid ");
    }

    @Test
    void unknownArgumentsPrintTheUsage() {
        assertThat(run("auth", "--acount", "x")).isEqualTo(2);

        assertThat(output()).contains("Unknown argument '--acount'").contains("Usage: java -jar <jar> auth");
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
    void argumentsNameTheActionAndTheAccountAndLeaveSpringPropertiesAlone() {
        assertThat(AuthArguments.parse(List.of("auth"))).isEqualTo(new AuthArguments(AuthArguments.Action.LOGIN, null));
        assertThat(AuthArguments.parse(List.of("auth", "--account=work", "--server.port=1")))
                .isEqualTo(new AuthArguments(AuthArguments.Action.LOGIN, "work"));
        assertThat(AuthArguments.parse(List.of("auth", "list")).action()).isEqualTo(AuthArguments.Action.LIST);
        assertThatThrownBy(() -> AuthArguments.parse(List.of("auth", "lsit")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private int run(String... args) {
        String[] withHome = new String[args.length + 1];
        System.arraycopy(args, 0, withHome, 0, args.length);
        withHome[args.length] = "--gateway.qwen-oauth.home=" + home;
        return AuthCommand.run(withHome, new PrintStream(printed, true, StandardCharsets.UTF_8));
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
}
