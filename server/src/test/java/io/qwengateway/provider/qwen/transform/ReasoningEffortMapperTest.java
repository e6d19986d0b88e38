package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.applied;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReasoningEffortMapperTest {

    private final ReasoningEffortMapper mapper = new ReasoningEffortMapper(ChatCalls.DEFAULTS);

    @Test
    void effortNoneTurnsThinkingOffWithoutABudget() {
        assertThat(applied(mapper, "{'reasoning_effort': 'none'}"))
                .isEqualTo(json("{'reasoning_effort': 'none', 'enable_thinking': false}"));
    }

    @Test
    void effortHighTurnsThinkingOnWithTheConfiguredBudget() {
        assertThat(applied(mapper, "{'reasoning_effort': 'high'}"))
                .isEqualTo(json("{'reasoning_effort': 'high', 'enable_thinking': true, 'thinking_budget': 32768}"));
    }

    @Test
    void effortLowGetsItsOwnBudget() {
        assertThat(applied(mapper, "{'reasoning_effort': 'low'}").path("thinking_budget").asInt()).isEqualTo(4096);
    }

    @Test
    void anEffortWithoutAConfiguredBudgetTurnsThinkingOnWithoutOne() {
        assertThat(applied(mapper, "{'reasoning_effort': 'xhigh'}"))
                .isEqualTo(json("{'reasoning_effort': 'xhigh', 'enable_thinking': true}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'reasoning_effort': 'high', 'enable_thinking': false}",
            "{'reasoning_effort': 'none', 'enable_thinking': true, 'thinking_budget': 5}",
            "{'reasoning_effort': null}",
            "{'reasoning_effort': 3}",
            "{'model': 'm'}"})
    void theClientsOwnThinkingSwitchOrAMissingEffortIsLeftAsSent(String body) {
        assertThat(applied(mapper, body)).isEqualTo(json(body));
    }

    @Test
    void theClientsOwnThinkingBudgetIsKept() {
        assertThat(applied(mapper, "{'reasoning_effort': 'high', 'thinking_budget': 100}"))
                .isEqualTo(json("{'reasoning_effort': 'high', 'thinking_budget': 100, 'enable_thinking': true}"));
    }
}
