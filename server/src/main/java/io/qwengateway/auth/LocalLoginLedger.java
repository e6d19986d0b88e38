package io.qwengateway.auth;

import java.time.Instant;

import io.qwengateway.auth.LoginProgress.State;

/**
 * A login's progress in this process's memory: the terminal login, every login without Redis, and those started
 * while Redis is unreachable. Polls of one {@link DeviceLogin} are serialized, so no claim needs to be recorded.
 */
final class LocalLoginLedger implements LoginLedger {

    private final Instant deadline;
    private Pkce pkce;
    private PollInterval interval;
    private Instant nextPollAt;
    private LoginProgress finished;

    LocalLoginLedger(Pkce pkce, Instant started, Instant deadline, PollInterval interval) {
        this.pkce = pkce;
        this.deadline = deadline;
        this.interval = interval;
        this.nextPollAt = started.plus(interval.current());
    }

    @Override
    public synchronized Turn claim(Instant now) {
        if (finished != null) {
            return Turn.answer(finished);
        }
        if (!now.isBefore(deadline)) {
            return Turn.expired();
        }
        if (now.isBefore(nextPollAt)) {
            return Turn.answer(LoginProgress.waiting(State.PENDING, interval, nextPollAt, null));
        }
        return Turn.ask(pkce, interval, 0);
    }

    @Override
    public synchronized void keepGoing(Turn turn, PollInterval interval, Instant nextPollAt) {
        this.interval = interval;
        this.nextPollAt = nextPollAt;
    }

    @Override
    public synchronized LoginProgress finish(Turn turn, LoginProgress progress) {
        if (finished == null || progress.state() == State.SUCCESS) {
            finished = progress;
        }
        pkce = null;
        return finished;
    }

    @Override
    public synchronized PollInterval interval() {
        return interval;
    }
}
