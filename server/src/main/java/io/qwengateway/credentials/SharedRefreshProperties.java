package io.qwengateway.credentials;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * How replicas sharing Redis agree on OAuth refreshes: {@code gateway.cluster.oauth-refresh.*} (used only when
 * {@code REDIS_URL} is set).
 *
 * @param lease         how long the replica that refreshes an account holds it: longer than a refresh call may take
 *                      (the OAuth client tries 3 times, each up to 10 s for a connection and 30 s for the answer), and
 *                      how long the others wait before refreshing if that replica dies mid-refresh
 * @param maxWait       how long a request whose token has expired waits for another replica's refresh before it is
 *                      answered 503 (to retry)
 * @param pollInterval  how often a waiting replica looks for the published pair or a free lease
 * @param fallbackAfter how long Redis must have been unusable before a replica refreshes under the file lock alone
 *                      (as a single gateway does); meanwhile it serves a still valid token or waits
 * @param encryptionKey when set, the token pair stored in Redis is encrypted with AES-256-GCM under a key derived from
 *                      it (every replica needs the same value); empty: stored as the credentials file's JSON
 */
@Validated
@ConfigurationProperties("gateway.cluster.oauth-refresh")
public record SharedRefreshProperties(@NotNull @DurationMin(seconds = 1) Duration lease,
        @NotNull @DurationMin(millis = 1) Duration maxWait, @NotNull @DurationMin(millis = 1) Duration pollInterval,
        @NotNull @DurationMin(millis = 0) Duration fallbackAfter, String encryptionKey) {

    public SharedRefreshProperties {
        lease = lease == null ? Duration.ofSeconds(150) : lease;
        maxWait = maxWait == null ? Duration.ofSeconds(10) : maxWait;
        pollInterval = pollInterval == null ? Duration.ofMillis(50) : pollInterval;
        fallbackAfter = fallbackAfter == null ? Duration.ofSeconds(3) : fallbackAfter;
        encryptionKey = encryptionKey == null ? "" : encryptionKey.strip();
    }

    @AssertTrue(message = "poll-interval must be shorter than lease")
    boolean isPollIntervalShorterThanLease() {
        return lease.compareTo(pollInterval) > 0;
    }

    @AssertTrue(message = "encryption-key must be empty or at least 16 characters (a random secret)")
    boolean isEncryptionKeyUsable() {
        return encryptionKey.isEmpty() || encryptionKey.length() >= 16;
    }
}
