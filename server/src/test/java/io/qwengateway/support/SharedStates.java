package io.qwengateway.support;

import java.time.Duration;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.qwengateway.cluster.SharedState;

/**
 * A replica's {@link SharedState} on a test's {@link RedisServer}, without a Spring context: for the tests of one
 * shared component, where each instance stands for a replica. Close it to close its connection.
 */
public final class SharedStates implements AutoCloseable {

    private final LettuceConnectionFactory factory;
    private final SharedState state;

    private SharedStates(RedisServer server) {
        factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        factory.afterPropertiesSet();
        state = new SharedState(new StringRedisTemplate(factory), "{qwen-gateway}:", "127.0.0.1:" + server.port());
    }

    public static SharedStates on(RedisServer server) {
        return new SharedStates(server);
    }

    public SharedState state() {
        return state;
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
