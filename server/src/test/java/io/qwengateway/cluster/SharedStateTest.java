package io.qwengateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** A replica's view of its Redis when nothing listens there: the fallback answers, and nothing shows the password. */
class SharedStateTest {

    private LettuceConnectionFactory factory;

    @AfterEach
    void close() {
        if (factory != null) {
            factory.destroy();
        }
    }

    private SharedState nowhere() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        ClusterProperties properties = new ClusterProperties("redis://gateway:s3cret@127.0.0.1:" + port,
                Duration.ofMillis(200), Duration.ofMillis(100), null);
        ClusterConfiguration configuration = new ClusterConfiguration();
        factory = configuration.redisConnectionFactory(properties);
        return configuration.sharedState(configuration.sharedRedis(factory), properties);
    }

    @Test
    void anUnreachableRedisIsAnsweredByTheFallbackAndSaysWhy() throws IOException {
        SharedState state = nowhere();

        String answer = state.call(redis -> "from redis", () -> {
            throw new AssertionError("not while Redis is presumed reachable");
        });
        assertThat(answer).isEqualTo("from redis"); // a command that does not touch Redis cannot fail

        Long counted = state.call(redis -> redis.opsForValue().increment(state.key("counter")), () -> -1L);

        assertThat(counted).isEqualTo(-1L);
        assertThat(state.reachable()).isFalse();
        assertThat(state.lastError()).isNotBlank().doesNotContain("s3cret");
        assertThat(state.where()).isEqualTo("127.0.0.1:" + state.where().split(":")[1]).doesNotContain("gateway");
        assertThat(state.call(redis -> 1L, () -> 2L)).as("not tried again until a check finds it").isEqualTo(2L);
    }

    @Test
    void eachUserOfRedisIsListedOnceInTheOrderItSaidSo() throws IOException {
        SharedState state = nowhere();

        state.uses("upstream cooldowns");
        state.uses("stored responses");
        state.uses("upstream cooldowns");

        assertThat(state.users()).containsExactly("upstream cooldowns", "stored responses");
    }
}
