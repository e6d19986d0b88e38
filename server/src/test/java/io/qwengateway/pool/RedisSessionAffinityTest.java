package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisSessionAffinityTest {

    @Test
    void aSessionKeyReachesRedisAsAnOpaqueIdOfOneLength() {
        String user = RedisSessionAffinity.id("user-42@example.com");
        String huge = RedisSessionAffinity.id("x".repeat(10_000));

        assertThat(user).hasSize(32).matches("[0-9a-f]+").doesNotContain("user");
        assertThat(huge).hasSize(32);
        assertThat(RedisSessionAffinity.id("user-42@example.com")).as("the same on every replica").isEqualTo(user);
        assertThat(RedisSessionAffinity.id("user-43@example.com")).isNotEqualTo(user);
    }
}
