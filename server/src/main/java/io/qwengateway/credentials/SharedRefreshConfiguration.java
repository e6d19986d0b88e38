package io.qwengateway.credentials;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.qwengateway.cluster.SharedState;
import tools.jackson.databind.ObjectMapper;

/**
 * OAuth refreshes agreed through Redis, when {@code REDIS_URL} is set (the same condition as
 * {@link io.qwengateway.cluster.ClusterConfiguration}). Without it no bean here exists and every account refreshes
 * alone ({@link SharedRefreshes#ALONE}), exactly as a single gateway always did.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${gateway.cluster.redis-url:}'.isBlank()")
public class SharedRefreshConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SharedRefreshConfiguration.class);

    /** The subscription to the refresh announcements; it resubscribes by itself after Redis comes back. */
    @Bean
    RedisMessageListenerContainer oauthRefreshListeners(LettuceConnectionFactory factory) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(factory);
        return container;
    }

    @Bean
    SharedRefreshes sharedRefreshes(SharedState state, RedisMessageListenerContainer oauthRefreshListeners,
            SharedRefreshProperties properties, ObjectMapper json) {
        SharedCredentialsCodec codec = new SharedCredentialsCodec(json, properties.encryptionKey());
        if (!codec.encrypts()) {
            log.info("OAuth token pairs are shared through Redis at {} as plain JSON: protect Redis (ACL, TLS with "
                    + "rediss://) or set gateway.cluster.oauth-refresh.encryption-key (docs/scale-out.md)",
                    state.where());
        }
        String owner = RedisSharedRefresh.newOwner();
        return account -> new RedisSharedRefresh(account, state, oauthRefreshListeners, codec, properties.lease(),
                owner);
    }
}
