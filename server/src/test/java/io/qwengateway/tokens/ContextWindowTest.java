package io.qwengateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qwengateway.errors.ApiException;
import io.qwengateway.observe.Exchange;

class ContextWindowTest {

    private final ContextWindow window = new ContextWindow(new LimitsProperties(true, 130_000,
            Map.of("coder-model", new LimitsProperties.ModelLimit(1_000_000, 65_536))));

    @Test
    void aRequestAboveTheInputLimitIsRefusedWithBothCounts() {
        assertThatThrownBy(() -> window.check("coder-model", new TokenEstimate(1_200_000, 1_100_000),
                Exchange.unobserved()))
                .isInstanceOfSatisfying(ApiException.class, error -> {
                    assertThat(error.status().value()).isEqualTo(400);
                    assertThat(error.code()).isEqualTo("context_length_exceeded");
                    assertThat(error.getMessage()).contains("1000000 tokens").contains("about 1100000 tokens");
                });
    }

    @Test
    void aModelWithoutLimitsAndARequestWithinThemPass() {
        window.check("qwen3-unknown", new TokenEstimate(5_000_000, 5_000_000), Exchange.unobserved());
        window.check("coder-model", new TokenEstimate(1_000_000, 1_000_000), Exchange.unobserved());
    }

    @Test
    void switchedOffTheCheckRefusesNothing() {
        ContextWindow off = new ContextWindow(new LimitsProperties(false, 0,
                Map.of("coder-model", new LimitsProperties.ModelLimit(10, 10))));
        off.check("coder-model", new TokenEstimate(100, 100), Exchange.unobserved());
    }
}
