package io.qwengateway.usage;

import java.time.Duration;
import java.time.ZoneId;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The usage history: {@code gateway.usage.*}.
 *
 * @param enabled       record each model request's usage
 * @param fileName      the SQLite file, in the data directory ({@code gateway.directories.data})
 * @param flushInterval how long usage is gathered in memory before it is written, in one transaction
 * @param timeZone      the zone whose calendar days the history counts by; empty: the system's (every replica
 *                      of a cluster needs the same, so that their days add up)
 * @param clusterRetention with Redis: how long the days of every replica's totals are kept there
 */
@Validated
@ConfigurationProperties("gateway.usage")
public record UsageProperties(boolean enabled, @NotBlank String fileName,
        @NotNull @DurationMin(millis = 10) Duration flushInterval, String timeZone,
        @DurationMin(days = 1) Duration clusterRetention) {

    @ConstructorBinding
    public UsageProperties {
        clusterRetention = clusterRetention == null ? Duration.ofDays(400) : clusterRetention;
        timeZone = timeZone == null ? "" : timeZone.strip();
        if (!timeZone.isEmpty()) {
            ZoneId.of(timeZone); // a zone Java does not know fails the start, naming this key
        }
    }

    /** With the default retention of the cluster's totals. */
    public UsageProperties(boolean enabled, String fileName, Duration flushInterval, String timeZone) {
        this(enabled, fileName, flushInterval, timeZone, null);
    }

    public ZoneId zone() {
        return timeZone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(timeZone);
    }
}
