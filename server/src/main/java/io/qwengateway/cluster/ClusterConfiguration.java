package io.qwengateway.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;

/**
 * Redis, when {@code REDIS_URL} is set (Spring Boot's own Redis auto-configuration is switched off in
 * {@code application.yml}, so that a single gateway never creates a client nor reports a Redis it does not use).
 * Lettuce is told to refuse commands while disconnected, rather than queue them, and to time out quickly: a replica
 * whose Redis is gone answers from its local state at once instead of hanging its requests.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("!'${gateway.cluster.redis-url:}'.isBlank()")
public class ClusterConfiguration {

    @Bean(destroyMethod = "destroy")
    LettuceConnectionFactory redisConnectionFactory(ClusterProperties properties) {
        RedisURI uri = RedisURI.create(properties.redisUrl());
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
        server.setDatabase(uri.getDatabase());
        if (uri.getUsername() != null) {
            server.setUsername(uri.getUsername());
        }
        if (uri.getPassword() != null) {
            server.setPassword(uri.getPassword());
        }
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .commandTimeout(properties.commandTimeout())
                .clientOptions(ClientOptions.builder()
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder().connectTimeout(properties.commandTimeout()).build())
                        .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
                        .build());
        if (uri.isSsl()) {
            client.useSsl();
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(server, client.build());
        // Connect on first use, not at startup: a replica starts (and serves) while Redis is down.
        factory.setEagerInitialization(false);
        factory.afterPropertiesSet();
        return factory;
    }

    @Bean
    StringRedisTemplate sharedRedis(LettuceConnectionFactory factory) {
        return new StringRedisTemplate(factory);
    }

    @Bean
    SharedState sharedState(StringRedisTemplate redis, ClusterProperties properties) {
        RedisURI uri = RedisURI.create(properties.redisUrl());
        return new SharedState(redis, properties.keyPrefix(), uri.getHost() + ":" + uri.getPort());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService sharedStateChecks(SharedState state, ClusterProperties properties) {
        ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-checks");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.checkInterval().toMillis();
        checks.scheduleWithFixedDelay(state::check, 0, interval, TimeUnit.MILLISECONDS);
        return checks;
    }
}
