package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LocalRateLimitsTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final LocalRateLimits limits = new LocalRateLimits(Map.of("limited", 3, "free", 0), Duration.ZERO,
            nanos::get);

    @Test
    void anUpstreamGetsItsRpmPermitsPerMinuteAndNoMore() {
        for (int i = 0; i < 3; i++) {
            assertThat(limits.tryAcquire("limited")).isTrue();
        }
        assertThat(limits.tryAcquire("limited")).isFalse();
        assertThat(limits.untilNextPermit("limited")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));

        nanos.addAndGet(Duration.ofMinutes(1).toNanos());

        assertThat(limits.tryAcquire("limited")).isTrue();
    }

    @Test
    void anUpstreamWithoutALimitAlwaysHasAPermit() {
        for (int i = 0; i < 100; i++) {
            assertThat(limits.tryAcquire("free")).isTrue();
            assertThat(limits.tryAcquire("unknown")).isTrue();
        }
        assertThat(limits.untilNextPermit("free")).isZero();
        assertThat(limits.rpm("limited")).isEqualTo(3);
        assertThat(limits.rpm("free")).isZero();
    }
}
