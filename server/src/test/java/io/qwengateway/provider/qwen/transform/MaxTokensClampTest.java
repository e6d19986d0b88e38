package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qwengateway.pipeline.ChatCall;
import io.qwengateway.tokens.LimitsProperties;

class MaxTokensClampTest {

    private final MaxTokensClamp clamp = new MaxTokensClamp(new LimitsProperties(true, 0,
            Map.of("coder-model", new LimitsProperties.ModelLimit(1_000_000, 65_536))));

    @Test
    void maxTokensAboveTheModelsOutputLimitBecomeTheLimit() {
        ChatCall call = call("{'max_tokens': 100000, 'max_completion_tokens': 70000}");
        clamp.apply(call);
        assertThat(call.body().path("max_tokens").asLong()).isEqualTo(65_536);
        assertThat(call.body().path("max_completion_tokens").asLong()).isEqualTo(65_536);
    }

    @Test
    void valuesAtOrBelowTheLimitAndAnExplicitZeroStayAsSent() {
        for (String value : new String[] { "0", "1", "65536" }) {
            ChatCall call = call("{'max_tokens': " + value + "}");
            clamp.apply(call);
            assertThat(call.body().path("max_tokens").toString()).isEqualTo(value);
        }
    }

    @Test
    void noMaxTokensStaysNoMaxTokens() {
        ChatCall call = call("{'messages': []}");
        clamp.apply(call);
        assertThat(call.body().has("max_tokens")).isFalse();
    }

    @Test
    void aModelWithoutLimitsIsNotClamped() {
        ChatCall call = call("{'max_tokens': 10000000}", "qwen3-unknown");
        clamp.apply(call);
        assertThat(call.body().path("max_tokens").asLong()).isEqualTo(10_000_000);
    }
}
