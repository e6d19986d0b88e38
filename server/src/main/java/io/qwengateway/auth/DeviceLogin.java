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
 * <p>Safe for concurrent callers: polls of one login are serialized, so a grant is redeemed and saved exactly once.
 */
public final class DeviceLogin {

    private final DeviceCode code;
    private final Path credentialsFile;
    private final Instant deadline;
    private final DeviceFlowClient client;
    private final LoginCompletion completion;

    private Pkce pkce;
    private PollInterval interval;
    private Instant nextPollAt;
    private LoginProgress finished;

    DeviceLogin(DeviceCode code, Pkce pkce, Path credentialsFile, Instant started, PollInterval interval,
            DeviceFlowClient client, LoginCompletion completion) {
        this.code = code;
        this.pkce = pkce;
        this.credentialsFile = credentialsFile;
        this.deadline = started.plus(code.expiresIn());
        this.interval = interval;
        this.nextPollAt = started.plus(interval.current());
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

    public synchronized PollInterval interval() {
        return interval;
    }

    /** Asks the token endpoint if the interval has passed, and saves the credentials when they are granted. */
    public synchronized LoginProgress poll(Instant now) {
        if (finished != null) {
            return finished;
        }
        if (!now.isBefore(deadline)) {
            return finish(LoginProgress.failure(State.EXPIRED, "The user code " + code.userCode()
                    + " expired before the login was approved; start a new login."));
        }
        if (now.isBefore(nextPollAt)) {
            return waiting(State.PENDING, null);
        }
        PollOutcome outcome = client.poll(code.deviceCode(), pkce);
        switch (outcome.status()) {
            case SLOW_DOWN:
                interval = interval.slowedDown();
                nextPollAt = now.plus(interval.current());
                return waiting(State.PENDING, null);
            case PENDING:
                nextPollAt = now.plus(interval.current());
                return waiting(State.PENDING, null);
            case UNAVAILABLE:
                nextPollAt = now.plus(interval.current());
                return waiting(State.OAUTH_SERVER_UNAVAILABLE, outcome.detail());
            case DENIED:
                return finish(LoginProgress.failure(State.DENIED,
                        "The login was denied on the Qwen authorization page; start a new login to try again."));
            case EXPIRED:
                return finish(LoginProgress.failure(State.EXPIRED,
                        "The Qwen OAuth server says the device code expired; start a new login."));
            case GRANTED:
                return finish(save(outcome));
            default:
                return finish(LoginProgress.failure(State.REFUSED, outcome.detail()));
        }
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

    private LoginProgress waiting(State state, String message) {
        return LoginProgress.waiting(state, interval, nextPollAt, message);
    }

    private LoginProgress finish(LoginProgress progress) {
        finished = progress;
        pkce = null;
        return progress;
    }

    @Override
    public String toString() {
        return "DeviceLogin[" + code + ", file=" + credentialsFile + "]";
    }
}
