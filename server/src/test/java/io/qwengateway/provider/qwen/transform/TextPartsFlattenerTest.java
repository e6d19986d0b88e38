package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.applied;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextPartsFlattenerTest {

    private final TextPartsFlattener flattener = new TextPartsFlattener();

    @Test
    void userContentOfTextPartsOnlyBecomesOneString() {
        String body = """
                {'messages': [{'role': 'user', 'content': [{'type': 'text', 'text': 'one'}, {'type': 'text', 'text': 'two'}],
                               'name': 'ann'}]}""";

        assertThat(applied(flattener, body))
                .isEqualTo(json("{'messages': [{'role': 'user', 'content': 'one\\ntwo', 'name': 'ann'}]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{'messages': [{'role': 'user', 'content': [{'type': 'text', 'text': 'see'}, {'type': 'image_url', 'image_url': {'url': 'data:image/png;base64,AA=='}}]}]}",
            "{'messages': [{'role': 'user', 'content': []}]}",
            "{'messages': [{'role': 'user', 'content': 'already a string'}]}",
            "{'messages': [{'role': 'assistant', 'content': [{'type': 'text', 'text': 'kept'}]}]}",
            "{'messages': [{'role': 'system', 'content': [{'type': 'text', 'text': 'kept'}]}]}"})
    void contentWithImagesEmptyOrNotFromTheUserIsLeftAlone(String body) {
        assertThat(applied(flattener, body)).isEqualTo(json(body));
    }
}
