package io.qwengateway.usage;

import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qwengateway.cluster.ConditionalOnSharedState;
import io.qwengateway.cluster.SharedState;
import io.qwengateway.config.GatewayDirectories;
import tools.jackson.databind.ObjectMapper;

/** The usage history, when {@code gateway.usage.enabled}: the SQLite store in the data directory and its recorder. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "gateway.usage.enabled", matchIfMissing = true)
public class UsageConfiguration {

    @Bean
    UsageStore usageStore(GatewayDirectories directories, UsageProperties properties) {
        return SqliteUsageStore.open(directories.data().resolve(properties.fileName()));
    }

    /** With Redis: the totals of every replica, beside this replica's own history. */
    @Bean
    @ConditionalOnSharedState
    ClusterUsage clusterUsage(SharedState redis, ObjectMapper json, UsageProperties properties) {
        return new ClusterUsage(redis, json, properties.clusterRetention());
    }

    @Bean
    UsageRecorder usageRecorder(UsageStore store, UsageProperties properties, Optional<ClusterUsage> cluster) {
        return new UsageRecorder(store, properties, cluster);
    }
}
