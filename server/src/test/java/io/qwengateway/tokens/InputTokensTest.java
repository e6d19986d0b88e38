package io.qwengateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

class InputTokensTest {

    @Test
    void theBoundIsKnownAtOnceAndTheCountWhenItIsMade() {
        CompletableFuture<TokenEstimate> count = new CompletableFuture<>();
        InputTokens input = InputTokens.counting(new TokenEstimate(9_000, 9_900), count);

        assertThat(input.isCounted()).isFalse();
        assertThat(input.atMost()).isEqualTo(new TokenEstimate(9_000, 9_900));

        count.complete(new TokenEstimate(2_000, 2_200));

        assertThat(input.isCounted()).isTrue();
        assertThat(input.counted()).isEqualTo(new TokenEstimate(2_000, 2_200));
        assertThat(input.atMost()).isEqualTo(new TokenEstimate(9_000, 9_900));
    }

    @Test
    void aFailedCountIsThrownAsItWasWhereTheCountIsNeededAndLeftOutWhereTheRequestFailsAnyway() {
        IllegalStateException failure = new IllegalStateException("Cannot read the JTokkit encoding's ranks");
        InputTokens input = InputTokens.counting(new TokenEstimate(9_000, 9_000),
                CompletableFuture.failedFuture(failure));

        assertThatThrownBy(input::counted).isSameAs(failure);
        assertThat(input.countedUnlessFailed()).isEmpty();
        assertThat(input.atMost()).as("the bound still holds").isEqualTo(new TokenEstimate(9_000, 9_000));
    }
}
