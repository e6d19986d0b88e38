package io.qwengateway.pool;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.function.UnaryOperator;

/**
 * What a failure does to the upstream that answered, as the table in docs/upstreams.md says: a spent quota until its
 * window resets (or {@code Retry-After}), a throttle for {@code Retry-After} or an exponential wait from
 * {@code throttle-initial} to {@code throttle-max}, several server errors in a row for {@code failure-cooldown}.
 */
final class CooldownPolicy {

    private final PoolProperties.Cooldowns settings;
    private final LocalTime resetTime;
    private final ZoneId zone;

    CooldownPolicy(PoolProperties.Cooldowns settings) {
        this.settings = settings;
        this.resetTime = settings.quotaResetTime();
        this.zone = settings.quotaResetZone();
    }

    Cooldown quotaSpent(QuotaWindow window, Duration retryAfter, String message, Instant now) {
        Instant until = retryAfter != null && !retryAfter.isZero() ? now.plus(retryAfter)
                : nextReset(window == null ? QuotaWindow.DAY : window, now);
        return new Cooldown(Cooldown.Reason.QUOTA, until, message, 0);
    }

    /** @param previous the upstream's last cooldown (expired or not), whose throttle streak this one continues */
    Cooldown throttled(Cooldown previous, Duration retryAfter, String message, Instant now) {
        int streak = previous != null && previous.reason() == Cooldown.Reason.THROTTLED ? previous.streak() + 1 : 1;
        Duration wait = retryAfter != null && !retryAfter.isZero() ? retryAfter : backoff(streak);
        return new Cooldown(Cooldown.Reason.THROTTLED, now.plus(wait), message, streak);
    }

    /** The cooldown after this many server errors in a row, or null while there are fewer than the threshold. */
    Cooldown failing(int inARow, String message, Instant now) {
        if (inARow < settings.failuresBeforeCooldown()) {
            return null;
        }
        return new Cooldown(Cooldown.Reason.FAILING, now.plus(settings.failureCooldown()), message, 0);
    }

    /** {@code throttle-initial} doubled per throttle in a row after the first, at most {@code throttle-max}. */
    Duration backoff(int streak) {
        Duration max = settings.throttleMax();
        Duration wait = settings.throttleInitial();
        for (int i = 1; i < streak && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /** The first moment after {@code now} at which a quota of this window resets, in the configured zone. */
    Instant nextReset(QuotaWindow window, Instant now) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime reset = switch (window) {
            case HOUR -> local.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            case DAY -> later(local.with(resetTime), local, next -> next.plusDays(1));
            case WEEK -> later(local.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(resetTime), local,
                    next -> next.plusWeeks(1));
            case MONTH -> later(local.with(TemporalAdjusters.firstDayOfMonth()).with(resetTime), local,
                    next -> next.plusMonths(1));
        };
        return reset.toInstant();
    }

    private static ZonedDateTime later(ZonedDateTime candidate, ZonedDateTime now,
            UnaryOperator<ZonedDateTime> step) {
        return candidate.isAfter(now) ? candidate : step.apply(candidate);
    }
}
