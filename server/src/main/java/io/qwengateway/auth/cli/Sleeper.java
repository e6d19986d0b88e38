package io.qwengateway.auth.cli;

import java.time.Duration;

/** Waits; replaced in tests by one that moves a fake clock, so that no test sleeps for real. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    static Sleeper real() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
