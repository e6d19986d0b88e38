package io.qwengateway.cluster;

import java.time.Duration;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.qwengateway.support.RedisServer;

/**
 * A {@link SharedState} on a test's {@link RedisServer}, made as the gateway makes its own
 * ({@link ClusterConfiguration}), for tests of the Redis-backed stores without a whole gateway. Nothing checks it on an
 * interval: a test calls {@link SharedState#check()} when it wants Redis found again.
 */
public final class SharedStates {

    private SharedStates() {
    }

    /** One replica's connection to Redis; closing it closes the client. */
    public record Connection(SharedState state, LettuceConnectionFactory factory) implements AutoCloseable {
        @Override
        public void close() {
            factory.destroy();
        }
    }

    public static Connection connect(RedisServer redis) {
        // A generous command timeout: the tests stop Redis for an outage (refused at once), and a busy build machine
        // must not look like one.
        ClusterProperties properties = new ClusterProperties(redis.url(), Duration.ofSeconds(5),
                Duration.ofMillis(100), null);
        ClusterConfiguration configuration = new ClusterConfiguration();
        LettuceConnectionFactory factory = configuration.redisConnectionFactory(properties);
        return new Connection(configuration.sharedState(configuration.sharedRedis(factory), properties), factory);
    }
}
