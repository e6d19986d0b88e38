package io.qwengateway.cluster;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * State shared by several gateway replicas through Redis: {@code gateway.cluster.*}. Off (and Redis never contacted)
 * unless {@code REDIS_URL} / {@code spring.data.redis.url} is set.
 *
 * @param redisUrl       {@code redis://[user:password@]host:port[/db]} or {@code rediss://...} for TLS; empty: off
 * @param commandTimeout longest wait for one Redis command; past it the replica uses its local state
 * @param checkInterval  how often an unreachable Redis is tried again (and a reachable one checked)
 * @param keyPrefix      every key's prefix, with a hash tag so that scripts work on a Redis Cluster too
 */
@Validated
@ConfigurationProperties("gateway.cluster")
public record ClusterProperties(String redisUrl, @NotNull Duration commandTimeout, @NotNull Duration checkInterval,
        @NotBlank String keyPrefix) {

    public ClusterProperties {
        redisUrl = redisUrl == null ? "" : redisUrl.strip();
        commandTimeout = commandTimeout == null ? Duration.ofMillis(500) : commandTimeout;
        checkInterval = checkInterval == null ? Duration.ofSeconds(1) : checkInterval;
        keyPrefix = keyPrefix == null || keyPrefix.isBlank() ? "{qwen-gateway}:" : keyPrefix;
    }

    public boolean enabled() {
        return !redisUrl.isEmpty();
    }
}
