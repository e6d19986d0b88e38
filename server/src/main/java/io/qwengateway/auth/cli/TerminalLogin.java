package io.qwengateway.auth.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.qwengateway.auth.DeviceCode;
import io.qwengateway.auth.DeviceFlowException;
import io.qwengateway.auth.DeviceLogin;
import io.qwengateway.auth.DeviceLoginStarter;
import io.qwengateway.auth.LoginProgress;
import io.qwengateway.auth.QrCodes;

/**
 * {@code java -jar <jar> auth}: prints the verification URL, the user code and a QR code of the URL, counts down
 * while the user approves, and saves the credentials. The exit code is 0 once they are saved, 1 otherwise.
 */
public class TerminalLogin {

    /** How often the countdown is redrawn; polls happen at the login's own interval. */
    private static final Duration COUNTDOWN_TICK = Duration.ofSeconds(1);
    /** Bright white on black: fixes the colours so the code reads right on a light terminal as on a dark one. */
    private static final String QR_COLOURS = "\u001b[97;40m";
    private static final String RESET_COLOURS = "\u001b[0m";

    private final DeviceLoginStarter starter;
    private final QrCodes qrCodes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final boolean colours;

    /** @param colours whether the output is a terminal that understands ANSI colours */
    public TerminalLogin(DeviceLoginStarter starter, QrCodes qrCodes, Clock clock, Sleeper sleeper, boolean colours) {
        this.starter = starter;
        this.qrCodes = qrCodes;
        this.clock = clock;
        this.sleeper = sleeper;
        this.colours = colours;
    }

    public int logIn(Path credentialsFile, PrintStream out) throws InterruptedException {
        DeviceLogin login;
        try {
            login = starter.start(credentialsFile);
        } catch (DeviceFlowException e) {
            out.println("Login failed: " + e.getMessage());
            return 1;
        }
        printInstructions(login, out);
        while (true) {
            LoginProgress progress = login.poll(clock.instant());
            if (progress.state() == LoginProgress.State.SUCCESS) {
                out.println();
                out.println("Logged in. Credentials saved to " + progress.savedTo() + "; the access token expires at "
                        + progress.tokenExpiry() + " and is refreshed automatically.");
                return 0;
            }
            if (progress.state().finished()) {
                out.println();
                out.println("Login failed: " + progress.message());
                return 1;
            }
            if (progress.state() == LoginProgress.State.OAUTH_SERVER_UNAVAILABLE) {
                out.println();
                out.println(progress.message() + "; trying again.");
            }
            countDownUntil(progress.nextPollAt(), login.deadline(), out);
        }
    }

    private void printInstructions(DeviceLogin login, PrintStream out) {
        DeviceCode code = login.code();
        out.println("Log in to Qwen; the credentials will be saved to " + login.credentialsFile());
        out.println();
        out.println("  Open " + code.verificationUriComplete());
        out.println("  (or go to " + code.verificationUri() + " and enter the code " + code.userCode() + ")");
        out.println("  or scan this QR code with your phone:");
        out.println();
        qrCodes.halfBlocks(code.verificationUriComplete()).lines()
                .forEach(line -> out.println(colours ? QR_COLOURS + line + RESET_COLOURS : line));
        out.println();
    }

    /** Sleeps until {@code wakeUp} (or the deadline, if sooner), redrawing the time left on one line. */
    private void countDownUntil(Instant wakeUp, Instant deadline, PrintStream out) throws InterruptedException {
        Instant until = wakeUp.isBefore(deadline) ? wakeUp : deadline;
        Instant now = clock.instant();
        while (now.isBefore(until)) {
            out.print("\rWaiting for approval: " + minutesAndSeconds(Duration.between(now, deadline)) + " left ");
            out.flush();
            Duration rest = Duration.between(now, until);
            sleeper.sleep(rest.compareTo(COUNTDOWN_TICK) < 0 ? rest : COUNTDOWN_TICK);
            now = clock.instant();
        }
    }

    private static String minutesAndSeconds(Duration left) {
        long seconds = (left.toMillis() + 999) / 1000;
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
