package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qwengateway.simulator.QwenSimulator;

/** Two upstreams, weighted 3 to 1. */
class WeightedPoolIT extends PoolIntegrationTest {

    private static final QwenSimulator HEAVY = simulator("sk-heavy");
    private static final QwenSimulator LIGHT = simulator("sk-light");

    @DynamicPropertySource
    static void twoWeightedUpstreams(DynamicPropertyRegistry registry) {
        common(registry);
        registry.add("gateway.pool.strategy", () -> "weighted");
        keyUpstream(registry, 0, "heavy", HEAVY, "sk-heavy", Map.of("weight", "3"));
        keyUpstream(registry, 1, "light", LIGHT, "sk-light", Map.of());
    }

    @Test
    void requestsAreSharedByWeight() {
        for (int i = 0; i < 12; i++) {
            assertOk(chat(CHAT));
        }

        assertThat(HEAVY.chatRequestCount()).isEqualTo(9);
        assertThat(LIGHT.chatRequestCount()).isEqualTo(3);
    }
}
