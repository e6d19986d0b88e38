package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.applied;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class CacheControlMarkerTest {

    private static final String MARK = "'cache_control': {'type': 'ephemeral'}";

    private final CacheControlMarker marker = new CacheControlMarker();

    @Test
    void aSystemMessageStringBecomesOneMarkedTextPart() {
        ObjectNode body = applied(marker, """
                {'messages': [{'role': 'system', 'content': 'Be terse.'}, {'role': 'user', 'content': 'hi'}]}""");

        assertThat(body).isEqualTo(json("""
                {'messages': [{'role': 'system', 'content': [{'type': 'text', 'text': 'Be terse.', %s}]},
                              {'role': 'user', 'content': 'hi'}]}""".formatted(MARK)));
    }

    @Test
    void onArrayContentOnlyTheLastPartIsMarked() {
        ObjectNode body = applied(marker, """
                {'messages': [{'role': 'system', 'content': [{'type': 'text', 'text': 'a'}, {'type': 'text', 'text': 'b'}]}]}""");

        assertThat(body.path("messages").get(0).path("content")).isEqualTo(json("""
                {'c': [{'type': 'text', 'text': 'a'}, {'type': 'text', 'text': 'b', %s}]}""".formatted(MARK)).get("c"));
    }

    @Test
    void withoutStreamingTheLastMessageAndTheToolsAreNotMarked() {
        ObjectNode body = applied(marker, """
                {'messages': [{'role': 'system', 'content': 'S'}, {'role': 'user', 'content': 'hi'}],
                 'tools': [{'type': 'function', 'function': {'name': 'f'}}]}""");

        assertThat(lastMessage(body).get("content")).isEqualTo(ChatCalls.JSON.getNodeFactory().stringNode("hi"));
        assertThat(body.path("tools").get(0).has("cache_control")).isFalse();
    }

    @Test
    void onStreamsTheLastMessageAndOnlyTheLastToolAreMarkedToo() {
        ObjectNode body = applied(marker, """
                {'stream': true,
                 'messages': [{'role': 'system', 'content': 'S'}, {'role': 'user', 'content': 'first'},
                              {'role': 'assistant', 'content': 'ok'}, {'role': 'user', 'content': 'last'}],
                 'tools': [{'type': 'function', 'function': {'name': 'f'}}, {'type': 'function', 'function': {'name': 'g'}}]}""");

        assertThat(lastMessage(body).path("content"))
                .isEqualTo(json("{'c': [{'type': 'text', 'text': 'last', %s}]}".formatted(MARK)).get("c"));
        assertThat(body.path("messages").get(1).get("content")).isEqualTo(ChatCalls.JSON.getNodeFactory().stringNode("first"));
        assertThat(body.path("tools").get(0).has("cache_control")).isFalse();
        assertThat(body.path("tools").get(1)).isEqualTo(
                json("{'type': 'function', 'function': {'name': 'g'}, %s}".formatted(MARK)));
    }

    @Test
    void existingMarksAreKept() {
        String body = """
                {'stream': true,
                 'messages': [{'role': 'system', 'content': [{'type': 'text', 'text': 'S', 'cache_control': {'type': 'ephemeral', 'ttl': '1h'}}]},
                              {'role': 'user', 'content': [{'type': 'text', 'text': 'u', 'cache_control': {'type': 'persistent'}}]}],
                 'tools': [{'type': 'function', 'function': {'name': 'f'}, 'cache_control': {'type': 'custom'}}]}""";

        assertThat(applied(marker, body)).isEqualTo(json(body));
    }

    @Test
    void nullAndEmptyContentIsSkipped() {
        String body = """
                {'stream': true,
                 'messages': [{'role': 'system', 'content': ''},
                              {'role': 'assistant', 'content': null, 'tool_calls': [{'id': 'c1', 'type': 'function',
                                                                                     'function': {'name': 'f', 'arguments': '{}'}}]}]}""";

        assertThat(applied(marker, body)).isEqualTo(json(body));
    }

    @Test
    void requestsWithoutMessagesAreUntouched() {
        String body = "{'stream': true, 'messages': [], 'tools': [{'type': 'function'}]}";

        assertThat(applied(marker, body)).isEqualTo(json(body));
    }

    private static JsonNode lastMessage(ObjectNode body) {
        JsonNode messages = body.path("messages");
        return messages.get(messages.size() - 1);
    }
}
