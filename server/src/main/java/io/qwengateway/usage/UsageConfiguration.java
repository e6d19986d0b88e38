package io.qwengateway.usage;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.qwengateway.config.GatewayDirectories;

/** The usage history, when {@code gateway.usage.enabled}: the SQLite store in the data directory and its recorder. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "gateway.usage.enabled", matchIfMissing = true)
public class UsageConfiguration {

    @Bean
    UsageStore usageStore(GatewayDirectories directories, UsageProperties properties) {
        return SqliteUsageStore.open(directories.data().resolve(properties.fileName()));
    }

    @Bean
    UsageRecorder usageRecorder(UsageStore store, UsageProperties properties) {
        return new UsageRecorder(store, properties);
    }
}
