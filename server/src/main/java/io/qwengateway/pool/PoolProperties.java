package io.qwengateway.pool;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * How the pool routes and sets upstreams aside: {@code gateway.pool.*}. The upstreams themselves are
 * {@code gateway.upstreams} ({@link UpstreamDefinitions}).
 *
 * @param strategy       {@code round-robin}, {@code weighted} or {@code fill-first}
 * @param maxFailovers   how many more upstreams one request may try after the first, before the first byte
 * @param rateLimitWait  the longest a request waits for a permit when every candidate is at its {@code rpm} limit;
 *                       0 answers 429 at once
 * @param affinity       session affinity on top of the strategy
 * @param cooldowns      what each kind of failure does to the upstream
 * @param headerProfiles named header sets an upstream can choose ({@code header-profile}); {@code qwen-code} (the
 *                       default, {@code gateway.upstream.headers}) and {@code none} always exist
 * @param sharedRefresh  with Redis ({@code REDIS_URL}): how often a replica reads the cooldowns the others set, and
 *                       how long it trusts a session's upstream read from Redis; the most its view of the shared pool
 *                       lags behind
 */
@Validated
@ConfigurationProperties("gateway.pool")
public record PoolProperties(
        @NotNull RoutingStrategy strategy,
        @Min(0) int maxFailovers,
        @NotNull Duration rateLimitWait,
        @Valid @NotNull Affinity affinity,
        @Valid @NotNull Cooldowns cooldowns,
        Map<String, Map<String, String>> headerProfiles,
        @DurationMin(millis = 10) Duration sharedRefresh) {

    public PoolProperties {
        headerProfiles = headerProfiles == null ? Map.of() : Map.copyOf(headerProfiles);
        sharedRefresh = sharedRefresh == null ? Duration.ofMillis(250) : sharedRefresh;
    }

    /**
     * @param enabled    requests with the same affinity key go to the same upstream while it is healthy
     * @param ttl        an entry unused this long is forgotten
     * @param maxEntries most entries kept (the least recently used go first)
     */
    public record Affinity(boolean enabled, @NotNull @DurationMin(millis = 1) Duration ttl, @Min(1) int maxEntries) {
    }

    /**
     * @param quotaReset             the time of day a daily quota resets ({@code HH:mm})
     * @param quotaResetZone         the zone of that time (also the hour, week and month boundaries)
     * @param throttleInitial        the first cooldown after a throttle without {@code Retry-After}; doubles with each
     *                               throttle in a row
     * @param throttleMax            the longest throttle cooldown
     * @param failuresBeforeCooldown server errors (after their retries) or connection failures in a row before the
     *                               upstream is set aside
     * @param failureCooldown        how long it is set aside then
     * @param loneUpstream           whether a pool of one upstream is set aside too; off, its answers reach the client
     *                               as before pools existed (there is no other upstream to turn to, and its own
     *                               answer is more accurate than the gateway's guess at when its window resets)
     * @param persist                keep cooldowns in {@code cooldowns.json} in the data directory, over restarts
     */
    public record Cooldowns(
            @NotBlank String quotaReset,
            @NotNull ZoneId quotaResetZone,
            @NotNull @DurationMin(millis = 1) Duration throttleInitial,
            @NotNull @DurationMin(millis = 1) Duration throttleMax,
            @Min(1) int failuresBeforeCooldown,
            @NotNull @DurationMin(millis = 1) Duration failureCooldown,
            boolean loneUpstream,
            boolean persist) {

        public Cooldowns {
            if (quotaReset != null && !quotaReset.isBlank()) {
                try {
                    LocalTime.parse(quotaReset.strip());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("gateway.pool.cooldowns.quota-reset must be a time of day "
                            + "like 00:00 or 16:30, not '" + quotaReset + "'");
                }
            }
        }

        public LocalTime quotaResetTime() {
            return LocalTime.parse(quotaReset.strip());
        }
    }
}
