package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.applied;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmptyToolsRemoverTest {

    private final EmptyToolsRemover remover = new EmptyToolsRemover();

    @Test
    void anEmptyToolsArrayIsOmitted() {
        assertThat(applied(remover, "{'model': 'm', 'tools': [], 'tool_choice': 'auto'}"))
                .isEqualTo(json("{'model': 'm', 'tool_choice': 'auto'}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'tools': [{'type': 'function', 'function': {'name': 'f'}}]}",
            "{'tools': null}",
            "{'model': 'm'}"})
    void toolsThatAreNotAnEmptyArrayAreLeftAlone(String body) {
        assertThat(applied(remover, body)).isEqualTo(json(body));
    }
}
