package io.qwengateway.credentials;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.backoff.FixedBackOff;

import io.qwengateway.cluster.ClusterProperties;
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

    /**
     * The subscription to the refresh announcements; once subscribed, Lettuce resubscribes by itself after an
     * outage. It is started on the Redis checks' thread once Redis answers, not by Spring: the container's own start
     * waits for the subscription and would fail the start of a replica whose Redis is down.
     */
    @Bean
    RedisMessageListenerContainer oauthRefreshListeners(LettuceConnectionFactory factory, SharedState state,
            @Qualifier("sharedStateChecks") ScheduledExecutorService checks, ClusterProperties cluster) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(factory);
        container.setAutoStartup(false);
        // No recovery of its own: a failed subscription is retried by the next check below. The container's recovery
        // runs on the thread that subscribed (here, the checks' thread), and once hung there for good when the
        // connection factory was stopped under it during a shutdown, holding the lock the shutdown waited for.
        container.setRecoveryBackoff(new FixedBackOff(0, 0));
        long interval = cluster.checkInterval().toMillis();
        checks.scheduleWithFixedDelay(() -> subscribeWhenReachable(container, state), 0, interval,
                TimeUnit.MILLISECONDS);
        return container;
    }

    static void subscribeWhenReachable(RedisMessageListenerContainer container, SharedState state) {
        if (container.isRunning() || !state.reachable()) {
            return;
        }
        try {
            container.start();
        } catch (RuntimeException e) {
            // Tried again on the next check; until then a replica finds new pairs when it needs a token.
            log.debug("Cannot subscribe to the OAuth refresh announcements yet: {}", e.getMessage());
            container.stop();
        }
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
