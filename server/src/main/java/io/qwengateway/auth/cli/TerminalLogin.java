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
import io.qwengateway.auth.LoginCompletion;
import io.qwengateway.auth.LoginProgress;
import io.qwengateway.auth.QrCodes;

/**
 * {@code java -jar <jar> auth}: prints the verification URL, the user code and a QR code of the URL, counts down
 * while the user approves, and saves the credentials. The exit code is 0 once they are saved, 1 otherwise.
 *
 * <p>Ctrl-C (or a SIGTERM) runs {@link #cancelLogin()} from a shutdown hook: a save in progress finishes first (the
 * file is written to a temporary file and renamed, so it is never half-written, and the CLI's lock is released), no
 * save starts after, and "Login cancelled" is printed on a line of its own.
 */
public class TerminalLogin {

    /** How often the countdown is redrawn on a terminal; polls happen at the login's own interval. */
    private static final Duration COUNTDOWN_TICK = Duration.ofSeconds(1);
    /** How often, at most, the time left is printed when the output is no terminal. */
    private static final Duration PROGRESS_LINE_INTERVAL = Duration.ofSeconds(30);
    /** The exit code of a shell command ended by Ctrl-C (128 + SIGINT). */
    static final int CANCELLED = 130;
    /** Bright white on black: fixes the colours so the code reads right on a light terminal as on a dark one. */
    private static final String QR_COLOURS = "\u001b[97;40m";
    private static final String RESET_COLOURS = "\u001b[0m";

    private final DeviceLoginStarter starter;
    private final LoginCompletion completion;
    private final QrCodes qrCodes;
    private final Clock clock;
    private final Sleeper sleeper;
    private final TerminalOutput terminal;
    private volatile Session current;

    public TerminalLogin(DeviceLoginStarter starter, LoginCompletion completion, QrCodes qrCodes, Clock clock,
            Sleeper sleeper, TerminalOutput terminal) {
        this.starter = starter;
        this.completion = completion;
        this.qrCodes = qrCodes;
        this.clock = clock;
        this.sleeper = sleeper;
        this.terminal = terminal;
    }

    public int logIn(Path credentialsFile, PrintStream out) throws InterruptedException {
        Session session = new Session(out);
        current = session;
        Thread onShutdown = new Thread(this::cancelLogin, "login-cancel");
        Runtime.getRuntime().addShutdownHook(onShutdown);
        try {
            DeviceLogin login;
            try {
                login = starter.start(credentialsFile);
            } catch (DeviceFlowException e) {
                session.end("Login failed: " + e.getMessage());
                return 1;
            }
            printInstructions(login, session);
            return session.await(login);
        } finally {
            current = null;
            try {
                Runtime.getRuntime().removeShutdownHook(onShutdown);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running (or has run); nothing to remove.
            }
        }
    }

    /**
     * What Ctrl-C does: waits for a save in progress (and refuses new ones), then ends the login's output with
     * "Login cancelled". Harmless once the login has ended. A save that completes in the very moment of the Ctrl-C
     * may still be followed by "Login cancelled" (whichever thread prints first ends the output); the file is then
     * saved whole, and {@code auth list} shows it.
     */
    void cancelLogin() {
        completion.stopSaving();
        Session session = current;
        if (session != null) {
            session.cancel();
        }
    }

    private void printInstructions(DeviceLogin login, Session session) {
        DeviceCode code = login.code();
        session.line("Log in to Qwen; the credentials will be saved to " + login.credentialsFile());
        session.line("");
        session.line("  Open " + code.verificationUriComplete());
        session.line("  (or go to " + code.verificationUri() + " and enter the code " + code.userCode() + ")");
        session.line("  or scan this QR code with your phone:");
        session.line("");
        qrCodes.halfBlocks(code.verificationUriComplete()).lines()
                .forEach(line -> session.line(terminal.colours() ? QR_COLOURS + line + RESET_COLOURS : line));
        session.line("");
    }

    private static String minutesAndSeconds(Duration left) {
        long seconds = (left.toMillis() + 999) / 1000;
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /**
     * One login's output. Printing is serialised with {@link #cancel()}, which runs on the shutdown hook's thread:
     * once cancelled, nothing more is printed, so "Login cancelled" is the last line.
     */
    private final class Session {

        private final PrintStream out;
        /** A countdown is drawn on the current line (no newline after it yet). */
        private boolean midLine;
        private boolean ended;
        private Instant nextProgressLine = Instant.MIN;

        Session(PrintStream out) {
            this.out = out;
        }

        int await(DeviceLogin login) throws InterruptedException {
            while (!ended()) {
                LoginProgress progress = login.poll(clock.instant());
                if (progress.state() == LoginProgress.State.SUCCESS) {
                    end("Logged in. Credentials saved to " + progress.savedTo() + "; the access token expires at "
                            + progress.tokenExpiry() + " and is refreshed automatically.");
                    return 0;
                }
                if (progress.state().finished()) {
                    end("Login failed: " + progress.message());
                    return 1;
                }
                if (progress.state() == LoginProgress.State.OAUTH_SERVER_UNAVAILABLE) {
                    line(progress.message() + "; trying again.");
                }
                waitUntil(progress.nextPollAt(), login.deadline());
            }
            return CANCELLED;
        }

        /** Sleeps until {@code wakeUp} (or the deadline, if sooner), showing the time left. */
        private void waitUntil(Instant wakeUp, Instant deadline) throws InterruptedException {
            Instant until = wakeUp.isBefore(deadline) ? wakeUp : deadline;
            Instant now = clock.instant();
            if (!terminal.interactive()) {
                if (!now.isBefore(nextProgressLine)) {
                    line("Waiting for approval: " + minutesAndSeconds(Duration.between(now, deadline)) + " left");
                    nextProgressLine = now.plus(PROGRESS_LINE_INTERVAL);
                }
                if (now.isBefore(until)) {
                    sleeper.sleep(Duration.between(now, until));
                }
                return;
            }
            while (now.isBefore(until) && !ended()) {
                redraw("Waiting for approval: " + minutesAndSeconds(Duration.between(now, deadline)) + " left ");
                Duration rest = Duration.between(now, until);
                sleeper.sleep(rest.compareTo(COUNTDOWN_TICK) < 0 ? rest : COUNTDOWN_TICK);
                now = clock.instant();
            }
        }

        synchronized void line(String text) {
            if (ended) {
                return;
            }
            endRedrawnLine();
            out.println(text);
        }

        private synchronized void redraw(String text) {
            if (ended) {
                return;
            }
            out.print("\r" + text);
            out.flush();
            midLine = true;
        }

        private synchronized void end(String text) {
            line(text);
            ended = true;
        }

        synchronized void cancel() {
            end("Login cancelled.");
        }

        private synchronized boolean ended() {
            return ended;
        }

        private void endRedrawnLine() {
            if (midLine) {
                out.println();
                midLine = false;
            }
        }
    }
}
