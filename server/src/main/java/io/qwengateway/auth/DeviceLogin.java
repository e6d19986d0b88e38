package io.qwengateway.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

import io.qwengateway.auth.LoginProgress.State;
import io.qwengateway.credentials.OAuthCredentials;

/**
 * One device login, from the device code to the saved credentials. It decides when the token endpoint may be asked
 * (never before the interval has passed, however often callers poll, so that a hasty HTTP client cannot earn the
 * gateway {@code slow_down} answers), stretches the interval on {@code slow_down}, gives up when the device code's
 * {@code expires_in} has run out, and saves the credentials once granted. A finished login keeps answering its final
 * state; its PKCE verifier is dropped then, as nothing needs it any more.
 *
 * <p>Its progress is kept in a {@link LoginLedger}: this process's memory, or Redis when several replicas share the
 * logins. Safe for concurrent callers: the ledger lets one poller at a time ask the token endpoint (polls of one
 * object are serialized as well), so a grant is redeemed and saved exactly once.
 */
public final class DeviceLogin {

    private final DeviceCode code;
    private final Path credentialsFile;
    private final Instant deadline;
    private final DeviceFlowClient client;
    private final LoginCompletion completion;
    private final LoginLedger ledger;

    DeviceLogin(DeviceCode code, Path credentialsFile, Instant deadline, LoginLedger ledger, DeviceFlowClient client,
            LoginCompletion completion) {
        this.code = code;
        this.credentialsFile = credentialsFile;
        this.deadline = deadline;
        this.ledger = ledger;
        this.client = client;
        this.completion = completion;
    }

    public DeviceCode code() {
        return code;
    }

    public Path credentialsFile() {
        return credentialsFile;
    }

    /** When the device code runs out. */
    public Instant deadline() {
        return deadline;
    }

    public PollInterval interval() {
        return ledger.interval();
    }

    /** Asks the token endpoint if the interval has passed, and saves the credentials when they are granted. */
    public synchronized LoginProgress poll(Instant now) {
        LoginLedger.Turn turn = ledger.claim(now);
        switch (turn.kind()) {
            case ANSWER:
                return turn.answer();
            case EXPIRED:
                return ledger.finish(turn, LoginProgress.failure(State.EXPIRED, "The user code " + code.userCode()
                        + " expired before the login was approved; start a new login."));
            default:
                break;
        }
        PollOutcome outcome = client.poll(code.deviceCode(), turn.pkce());
        switch (outcome.status()) {
            case SLOW_DOWN:
                return keepGoing(turn, turn.interval().slowedDown(), now, State.PENDING, null);
            case PENDING:
                return keepGoing(turn, turn.interval(), now, State.PENDING, null);
            case UNAVAILABLE:
                return keepGoing(turn, turn.interval(), now, State.OAUTH_SERVER_UNAVAILABLE, outcome.detail());
            case DENIED:
                return ledger.finish(turn, LoginProgress.failure(State.DENIED,
                        "The login was denied on the Qwen authorization page; start a new login to try again."));
            case EXPIRED:
                return ledger.finish(turn, LoginProgress.failure(State.EXPIRED,
                        "The Qwen OAuth server says the device code expired; start a new login."));
            case GRANTED:
                return ledger.finish(turn, save(outcome));
            default:
                return ledger.finish(turn, LoginProgress.failure(State.REFUSED, outcome.detail()));
        }
    }

    private LoginProgress keepGoing(LoginLedger.Turn turn, PollInterval interval, Instant now, State state,
            String message) {
        Instant nextPollAt = now.plus(interval.current());
        ledger.keepGoing(turn, interval, nextPollAt);
        return LoginProgress.waiting(state, interval, nextPollAt, message);
    }

    private LoginProgress save(PollOutcome granted) {
        try {
            OAuthCredentials saved = completion.complete(credentialsFile, granted.token());
            return LoginProgress.success(saved.expiry(), credentialsFile);
        } catch (IOException e) {
            return LoginProgress.failure(State.NOT_SAVED, "The login succeeded but the credentials could not be "
                    + "saved to " + credentialsFile + " (" + e.getMessage() + "); fix that and log in again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LoginProgress.failure(State.NOT_SAVED, "Interrupted before the credentials were saved.");
        }
    }

    @Override
    public String toString() {
        return "DeviceLogin[" + code + ", file=" + credentialsFile + "]";
    }
}
