package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CooldownPolicyTest {

    private static PoolProperties.Cooldowns settings(String reset, ZoneId zone) {
        return new PoolProperties.Cooldowns(reset, zone, Duration.ofSeconds(1), Duration.ofMinutes(30), 3,
                Duration.ofSeconds(60), false, true);
    }

    private final CooldownPolicy utc = new CooldownPolicy(settings("00:00", ZoneOffset.UTC));

    @ParameterizedTest(name = "{0} at {1}")
    @CsvSource({
            "DAY,   2026-05-06T13:20:00Z, 2026-05-07T00:00:00Z",
            "DAY,   2026-05-06T00:00:00Z, 2026-05-07T00:00:00Z",
            "HOUR,  2026-05-06T13:20:00Z, 2026-05-06T14:00:00Z",
            "WEEK,  2026-05-06T13:20:00Z, 2026-05-11T00:00:00Z",
            "MONTH, 2026-05-06T13:20:00Z, 2026-06-01T00:00:00Z",
            "MONTH, 2026-12-31T23:59:00Z, 2027-01-01T00:00:00Z"})
    void aQuotaResetsAtTheNextBoundOfItsWindow(QuotaWindow window, Instant now, Instant expected) {
        assertThat(utc.nextReset(window, now)).isEqualTo(expected);
    }

    @Test
    void theDailyResetTimeAndZoneAreConfigured() {
        CooldownPolicy beijing = new CooldownPolicy(settings("00:00", ZoneId.of("Asia/Shanghai")));

        assertThat(beijing.nextReset(QuotaWindow.DAY, Instant.parse("2026-05-06T15:59:00Z")))
                .isEqualTo(Instant.parse("2026-05-06T16:00:00Z"));
        CooldownPolicy late = new CooldownPolicy(settings("08:30", ZoneOffset.UTC));
        assertThat(late.nextReset(QuotaWindow.DAY, Instant.parse("2026-05-06T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-05-07T08:30:00Z"));
    }

    @Test
    void retryAfterWinsOverTheWindow() {
        Instant now = Instant.parse("2026-05-06T13:20:00Z");

        Cooldown cooldown = utc.quotaSpent(QuotaWindow.DAY, Duration.ofMinutes(5), "spent", now);

        assertThat(cooldown.until()).isEqualTo(now.plus(Duration.ofMinutes(5)));
        assertThat(cooldown.reason()).isEqualTo(Cooldown.Reason.QUOTA);
    }

    @Test
    void throttlesInARowWaitExponentiallyUpToTheCap() {
        Instant now = Instant.parse("2026-05-06T13:20:00Z");
        Cooldown first = utc.throttled(null, null, "slow down", now);
        Cooldown second = utc.throttled(first, null, "slow down", now);
        Cooldown third = utc.throttled(second, null, "slow down", now);

        assertThat(first.until()).isEqualTo(now.plusSeconds(1));
        assertThat(second.until()).isEqualTo(now.plusSeconds(2));
        assertThat(third.until()).isEqualTo(now.plusSeconds(4));
        assertThat(utc.backoff(40)).isEqualTo(Duration.ofMinutes(30));
        assertThat(utc.throttled(third, Duration.ofSeconds(9), "slow down", now).until())
                .as("Retry-After wins").isEqualTo(now.plusSeconds(9));
    }

    @Test
    void serverErrorsCoolOnlyFromTheThresholdOn() {
        Instant now = Instant.parse("2026-05-06T13:20:00Z");

        assertThat(utc.failing(2, "503", now)).isNull();
        assertThat(utc.failing(3, "503", now).until()).isEqualTo(now.plusSeconds(60));
    }
}
