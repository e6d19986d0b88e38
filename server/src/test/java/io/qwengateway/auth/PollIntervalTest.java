package io.qwengateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PollIntervalTest {

    @Test
    void eachSlowDownStretchesTheIntervalByHalfUpToTenSeconds() {
        PollInterval interval = AuthTestSupport.loginProperties().firstPollInterval();

        assertThat(interval.current()).isEqualTo(Duration.ofSeconds(2));
        interval = interval.slowedDown();
        assertThat(interval.current()).isEqualTo(Duration.ofSeconds(3));
        interval = interval.slowedDown();
        assertThat(interval.current()).isEqualTo(Duration.ofMillis(4500));
        interval = interval.slowedDown();
        assertThat(interval.current()).isEqualTo(Duration.ofMillis(6750));
        interval = interval.slowedDown();
        assertThat(interval.current()).isEqualTo(Duration.ofSeconds(10));
        assertThat(interval.slowedDown().current()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void httpClientsAreToldWholeSecondsRoundedUpAndNeverZero() {
        assertThat(new PollInterval(Duration.ofMillis(4500), 1.5, Duration.ofSeconds(10)).wholeSeconds()).isEqualTo(5);
        assertThat(new PollInterval(Duration.ofSeconds(2), 1.5, Duration.ofSeconds(10)).wholeSeconds()).isEqualTo(2);
        assertThat(new PollInterval(Duration.ofMillis(10), 1.5, Duration.ofSeconds(10)).wholeSeconds()).isEqualTo(1);
    }
}
