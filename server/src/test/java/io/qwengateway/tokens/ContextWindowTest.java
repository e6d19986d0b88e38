package io.qwengateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.qwengateway.errors.ApiException;
import io.qwengateway.observe.Exchange;

class ContextWindowTest {

    private final ContextWindow window = new ContextWindow(new LimitsProperties(true, 130_000,
            Map.of("coder-model", new LimitsProperties.ModelLimit(1_000_000, 65_536))));

    @Test
    void aRequestAboveTheInputLimitIsRefusedWithBothCounts() {
        assertThatThrownBy(() -> window.refuseAboveLimit("coder-model",
                InputTokens.counted(new TokenEstimate(1_200_000, 1_100_000))))
                .isInstanceOfSatisfying(ApiException.class, error -> {
                    assertThat(error.status().value()).isEqualTo(400);
                    assertThat(error.code()).isEqualTo("context_length_exceeded");
                    assertThat(error.getMessage()).contains("1000000 tokens").contains("about 1100000 tokens");
                });
    }

    @Test
    void aModelWithoutLimitsAndARequestWithinThemPass() {
        window.refuseAboveLimit("qwen3-unknown", InputTokens.counted(new TokenEstimate(5_000_000, 5_000_000)));
        window.refuseAboveLimit("coder-model", InputTokens.counted(new TokenEstimate(1_000_000, 1_000_000)));
    }

    @Test
    void switchedOffTheCheckRefusesNothing() {
        ContextWindow off = new ContextWindow(new LimitsProperties(false, 0,
                Map.of("coder-model", new LimitsProperties.ModelLimit(10, 10))));
        off.refuseAboveLimit("coder-model", InputTokens.counted(new TokenEstimate(100, 100)));
    }

    @Test
    void aCountStillBeingMadeIsNotWaitedForWhileItsUpperBoundFits() {
        CompletableFuture<TokenEstimate> count = new CompletableFuture<>();

        window.refuseAboveLimit("coder-model", InputTokens.counting(new TokenEstimate(900_000, 950_000), count));

        assertThat(count).isNotDone();
    }

    @Test
    void anUpperBoundAboveTheLimitLeavesTheDecisionToTheCount() {
        InputTokens fits = InputTokens.counting(new TokenEstimate(3_000_000, 3_000_000),
                CompletableFuture.completedFuture(new TokenEstimate(800_000, 800_000)));
        InputTokens tooLong = InputTokens.counting(new TokenEstimate(3_000_000, 3_000_000),
                CompletableFuture.supplyAsync(() -> new TokenEstimate(1_100_000, 1_050_000)));

        window.refuseAboveLimit("coder-model", fits);
        assertThatThrownBy(() -> window.refuseAboveLimit("coder-model", tooLong))
                .isInstanceOfSatisfying(ApiException.class, error -> assertThat(error.getMessage())
                        .contains("about 1050000 tokens"));
    }
}
