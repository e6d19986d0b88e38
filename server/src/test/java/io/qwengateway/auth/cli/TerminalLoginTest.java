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
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.auth.AuthTestSupport;
import io.qwengateway.auth.QrCodes;
import io.qwengateway.auth.QrDecoder;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.SimulatorOptions;

/** The terminal login against the simulator, on a fake clock: minutes of waiting take milliseconds. */
class TerminalLoginTest {

    private static final String TOKEN_PATH = "/api/v1/oauth2/token";
    private static final Duration DEVICE_CODE_TTL = Duration.ofMinutes(1);
    private static final QwenSimulator sim =
            QwenSimulator.start(SimulatorOptions.defaults().withDeviceCodeTtl(DEVICE_CODE_TTL));

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.startingNow();
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
    void pollsEveryTwoSecondsAndSlowsDownByHalfUpToTenSeconds() throws Exception {
        sim.oauth().slowDownNextPolls(5);
        Instant start = clock.instant();
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
        Instant start = clock.instant();

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
        TerminalLogin login = new TerminalLogin(AuthTestSupport.starter(
                AuthTestSupport.oauthProperties(home, sim.baseUrl()), clock),
                new QrCodes(AuthTestSupport.loginProperties()), clock, this::sleep, false);
        int exitCode = login.logIn(credentialsFile, new PrintStream(printed, true, StandardCharsets.UTF_8));
        notePolls();
        return exitCode;
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
