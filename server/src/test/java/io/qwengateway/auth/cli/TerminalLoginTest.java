package io.qwengateway.auth.cli;

import io.qwengateway.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.auth.AuthTestSupport;
import io.qwengateway.auth.DeviceLoginStarter;
import io.qwengateway.auth.LoginCompletion;
import io.qwengateway.auth.QrCodes;
import io.qwengateway.auth.QrDecoder;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatorOptions;

/** The terminal login against the simulator, on a fake clock: minutes of waiting take milliseconds. */
class TerminalLoginTest {

    private static final String TOKEN_PATH = "/api/v1/oauth2/token";
    private static final TerminalOutput ON_A_TERMINAL = new TerminalOutput(true, false);
    private static final TerminalOutput TO_A_FILE = new TerminalOutput(false, false);
    private static final Duration DEVICE_CODE_TTL = Duration.ofMinutes(1);
    private static final QwenSimulator sim =
            QwenSimulator.start(SimulatorOptions.defaults().withDeviceCodeTtl(DEVICE_CODE_TTL));

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.startingNow();
    private final Instant start = clock.instant();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<Instant> pollTimes = new ArrayList<>();
    private Path credentialsFile;
    private Runnable onEachSleep = () -> { };

    @BeforeEach
    void resetSimulator() {
        sim.reset();
        credentialsFile = home.resolve("oauth_creds.json");
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void printsTheUrlTheUserCodeAndAScannableQrCodeThenSavesTheCredentials() throws Exception {
        onEachSleep = () -> sim.oauth().pendingUserCodes().forEach(sim.oauth()::approve);

        int exitCode = logIn();

        String output = output();
        OAuthCredentials saved = new CredentialFileStore(credentialsFile, AuthTestSupport.JSON).read().orElseThrow();
        String url = sim.baseUrl() + "/authorize?user_code=";
        assertThat(exitCode).isZero();
        assertThat(output).contains("Open " + url).contains("enter the code ").contains("Waiting for approval: 1:00 left")
                .contains("Logged in. Credentials saved to " + credentialsFile);
        String verificationUriComplete = output.lines().filter(line -> line.startsWith("  Open "))
                .findFirst().orElseThrow().substring("  Open ".length());
        assertThat(QrDecoder.decodeHalfBlocks(qrLines(output))).isEqualTo(verificationUriComplete);
        assertThat(output).doesNotContain(saved.accessToken()).doesNotContain(saved.refreshToken());
        assertThat(Files.getPosixFilePermissions(credentialsFile))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(AuthTestSupport.hasLeftovers(home)).isFalse();
    }

    @Test
    void onATerminalTheCountdownIsRedrawnInPlaceEachSecond() throws Exception {
        onEachSleep = () -> {
            if (clock.instant().isAfter(start.plusSeconds(4))) {
                sim.oauth().pendingUserCodes().forEach(sim.oauth()::approve);
            }
        };

        assertThat(logIn()).isZero();

        assertThat(output()).contains("\rWaiting for approval: 1:00 left \rWaiting for approval: 0:59 left "
                + "\rWaiting for approval: 0:58 left ").contains(" left \nLogged in.");
    }

    @Test
    void withoutATerminalATimeLeftLineComesEveryThirtySecondsAndNoCountdown() throws Exception {
        assertThat(logIn(terminalLogin(TO_A_FILE))).isOne();

        assertThat(output()).doesNotContain("\r");
        assertThat(output().lines().filter(line -> line.startsWith("Waiting"))).containsExactly(
                "Waiting for approval: 1:00 left", "Waiting for approval: 0:30 left");
        assertThat(output()).contains("0:30 left\nLogin failed: The user code");
    }

    @Test
    void ctrlCEndsTheCountdownWithLoginCancelledOnALineOfItsOwnAndSavesNothing() throws Exception {
        TerminalLogin login = terminalLogin(ON_A_TERMINAL);
        onEachSleep = () -> {
            if (clock.instant().isAfter(start.plusSeconds(3))) {
                login.cancelLogin();
                sim.oauth().pendingUserCodes().forEach(sim.oauth()::approve);
            }
        };

        assertThat(logIn(login)).isEqualTo(TerminalLogin.CANCELLED);

        assertThat(output()).endsWith(" left \nLogin cancelled.\n");
        assertThat(credentialsFile).doesNotExist();
    }

    @Test
    void ctrlCWithoutATerminalAddsNoBlankLine() throws Exception {
        TerminalLogin login = terminalLogin(TO_A_FILE);
        onEachSleep = login::cancelLogin;

        assertThat(logIn(login)).isEqualTo(TerminalLogin.CANCELLED);

        assertThat(output()).endsWith("Waiting for approval: 1:00 left\nLogin cancelled.\n");
    }

    @Test
    void ctrlCDuringASaveReturnsOnlyOnceTheSaveHasFinished() throws Exception {
        // The qwen-code CLI holds the lock: the save waits for it, with the login's save lock taken.
        Path cliLock = home.resolve(CredentialFiles.LOCK_FILE);
        Files.writeString(cliLock, UUID.randomUUID().toString());
        onEachSleep = () -> sim.oauth().pendingUserCodes().forEach(sim.oauth()::approve);
        TerminalLogin login = terminalLogin(TO_A_FILE);
        AtomicBoolean savedWhenCancelReturned = new AtomicBoolean();
        Thread loginThread = new Thread(() -> {
            try {
                logIn(login);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "login");
        Thread ctrlC = new Thread(() -> {
            login.cancelLogin();
            savedWhenCancelReturned.set(Files.exists(credentialsFile));
        }, "ctrl-c");

        loginThread.start();
        awaitBlockedIn(loginThread, "CredentialFileLock.acquire");
        ctrlC.start();
        awaitBlockedIn(ctrlC, "LoginCompletion.stopSaving");
        Files.delete(cliLock);
        ctrlC.join(TimeUnit.SECONDS.toMillis(30));
        loginThread.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(savedWhenCancelReturned).isTrue();
        assertThat(new CredentialFileStore(credentialsFile, AuthTestSupport.JSON).read().orElseThrow().isComplete())
                .isTrue();
        assertThat(AuthTestSupport.hasLeftovers(home)).isFalse();
        assertThat(output().lines().filter(line -> line.equals("Login cancelled.") || line.startsWith("Logged in.")))
                .as("one last word").hasSize(1);
    }

    @Test
    void pollsEveryTwoSecondsAndSlowsDownByHalfUpToTenSeconds() throws Exception {
        sim.oauth().slowDownNextPolls(5);
        onEachSleep = () -> {
            if (pollTimes.size() == 7) {
                sim.oauth().pendingUserCodes().forEach(sim.oauth()::approve);
            }
        };

        assertThat(logIn()).isZero();

        assertThat(gaps(start)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofMillis(4500), Duration.ofMillis(6750), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void givesUpWhenTheUserCodeExpires() throws Exception {
        int exitCode = logIn();

        assertThat(exitCode).isOne();
        assertThat(output()).contains("Login failed: The user code").contains("expired");
        assertThat(Duration.between(start, clock.instant())).isEqualTo(DEVICE_CODE_TTL);
        assertThat(pollTimes).hasSize(29);
        assertThat(credentialsFile).doesNotExist();
    }

    @Test
    void aDeniedLoginEndsAtOnceAndSavesNothing() throws Exception {
        onEachSleep = () -> sim.oauth().pendingUserCodes().forEach(sim.oauth()::deny);

        assertThat(logIn()).isOne();

        assertThat(output()).contains("Login failed: The login was denied");
        assertThat(sim.recordedRequests(TOKEN_PATH)).hasSize(1);
        assertThat(credentialsFile).doesNotExist();
    }

    private int logIn() throws InterruptedException {
        return logIn(terminalLogin(ON_A_TERMINAL));
    }

    private int logIn(TerminalLogin login) throws InterruptedException {
        int exitCode = login.logIn(credentialsFile, new PrintStream(printed, true, StandardCharsets.UTF_8));
        notePolls();
        return exitCode;
    }

    private TerminalLogin terminalLogin(TerminalOutput terminal) {
        QwenOAuthProperties properties = AuthTestSupport.oauthProperties(home, sim.baseUrl());
        LoginCompletion completion = AuthTestSupport.completion(properties, clock);
        DeviceLoginStarter starter = new DeviceLoginStarter(AuthTestSupport.deviceFlowClient(properties), completion,
                AuthTestSupport.loginProperties(), clock);
        return new TerminalLogin(starter, completion, new QrCodes(AuthTestSupport.loginProperties()), clock,
                this::sleep, terminal);
    }

    /** Waits until {@code thread} runs {@code method} (as {@code Class.method}) and is blocked there. */
    private static void awaitBlockedIn(Thread thread, String method) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING)
                || Arrays.stream(thread.getStackTrace())
                        .noneMatch(frame -> (frame.getClassName() + "." + frame.getMethodName()).endsWith(method))) {
            assertThat(System.nanoTime()).as("%s blocked in %s", thread.getName(), method).isLessThan(giveUp);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** The fake sleep: notes when the token endpoint was asked, lets the test act, and moves the clock. */
    private void sleep(Duration duration) {
        notePolls();
        onEachSleep.run();
        clock.advance(duration);
    }

    private void notePolls() {
        int polls = sim.recordedRequests(TOKEN_PATH).size();
        while (pollTimes.size() < polls) {
            pollTimes.add(clock.instant());
        }
    }

    private List<Duration> gaps(Instant start) {
        List<Duration> gaps = new ArrayList<>();
        Instant previous = start;
        for (Instant poll : pollTimes) {
            gaps.add(Duration.between(previous, poll));
            previous = poll;
        }
        return gaps;
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static String qrLines(String output) {
        return output.lines().filter(line -> !line.isEmpty() && line.chars().allMatch(c -> "▀▄█ ".indexOf(c) >= 0))
                .collect(Collectors.joining("\n"));
    }
}
