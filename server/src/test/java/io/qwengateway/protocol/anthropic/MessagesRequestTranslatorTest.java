package io.qwengateway.protocol.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MessagesRequestTranslatorTest {

    private static final JsonMapper JSON = new JsonMapper();

    private final MessagesRequestTranslator translator = new MessagesRequestTranslator();

    static ObjectNode json(String singleQuoted) {
        return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    private JsonNode chat(String body) {
        return translator.translate(json(body)).chat();
    }

    @Test
    void systemTextAndSystemEntriesInMessagesBecomeOneLeadingSystemMessage() {
        JsonNode chat = chat("""
                {'model': 'claude-sonnet-4-5', 'max_tokens': 100,
                 'system': [{'type': 'text', 'text': 'x-anthropic-billing-header: cc_version=2.1'},
                            {'type': 'text', 'text': 'You are Claude Code.'}],
                 'messages': [{'role': 'system', 'content': 'Extra rules.'}, {'role': 'user', 'content': 'Hi'}]}""");

        assertThat(chat.path("messages")).isEqualTo(json("""
                {'m': [{'role': 'system', 'content': 'You are Claude Code.\\n\\nExtra rules.'},
                       {'role': 'user', 'content': 'Hi'}]}""").get("m"));
        assertThat(chat.path("max_tokens").asInt()).isEqualTo(100);
        assertThat(chat.path("model").asString()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void cacheControlMarksStayOnTheirBlocks() {
        JsonNode chat = chat("""
                {'model': 'm', 'max_tokens': 1,
                 'system': [{'type': 'text', 'text': 'S', 'cache_control': {'type': 'ephemeral'}}],
                 'messages': [{'role': 'user', 'content': [{'type': 'text', 'text': 'U', 'cache_control': {'type': 'ephemeral'}}]}],
                 'tools': [{'name': 't', 'input_schema': {'type': 'object'}, 'cache_control': {'type': 'ephemeral'}}]}""");

        assertThat(chat.path("messages").get(0).path("content").get(0).path("cache_control").path("type").asString())
                .isEqualTo("ephemeral");
        assertThat(chat.path("messages").get(1).path("content").get(0).path("cache_control").isObject()).isTrue();
        assertThat(chat.path("tools").get(0).path("cache_control").isObject()).isTrue();
    }

    @Test
    void toolUseAndToolResultBecomeToolCallsAndToolMessages() {
        JsonNode chat = chat("""
                {'model': 'm', 'max_tokens': 1, 'messages': [
                  {'role': 'user', 'content': 'List files'},
                  {'role': 'assistant', 'content': [
                    {'type': 'thinking', 'thinking': 'Use Bash.', 'signature': 'sig'},
                    {'type': 'text', 'text': 'Listing.'},
                    {'type': 'tool_use', 'id': 'toolu_1', 'name': 'Bash', 'input': {'command': 'ls'}}]},
                  {'role': 'user', 'content': [
                    {'type': 'tool_result', 'tool_use_id': 'toolu_1', 'content': [{'type': 'text', 'text': 'a.txt'}]},
                    {'type': 'text', 'text': 'Now what?'}]}]}""");

        assertThat(chat.path("messages")).isEqualTo(json("""
                {'m': [{'role': 'user', 'content': 'List files'},
                       {'role': 'assistant', 'content': 'Listing.', 'reasoning_content': 'Use Bash.',
                        'tool_calls': [{'id': 'toolu_1', 'type': 'function',
                                        'function': {'name': 'Bash', 'arguments': '{\\'command\\':\\'ls\\'}'}}]},
                       {'role': 'tool', 'tool_call_id': 'toolu_1', 'content': 'a.txt'},
                       {'role': 'user', 'content': [{'type': 'text', 'text': 'Now what?'}]}]}""").get("m"));
    }

    @Test
    void anErrorToolResultSaysSo() {
        JsonNode chat = chat("""
                {'model': 'm', 'max_tokens': 1, 'messages': [{'role': 'user', 'content': [
                  {'type': 'tool_result', 'tool_use_id': 't', 'is_error': true, 'content': 'No such file'}]}]}""");

        assertThat(chat.path("messages").get(0).path("content").asString()).isEqualTo("Error: No such file");
    }

    @Test
    void imagesAndTextDocumentsBecomeChatParts() {
        JsonNode chat = chat("""
                {'model': 'm', 'max_tokens': 1, 'messages': [{'role': 'user', 'content': [
                  {'type': 'image', 'source': {'type': 'base64', 'media_type': 'image/jpeg', 'data': 'AAA'}},
                  {'type': 'image', 'source': {'type': 'url', 'url': 'https://example.com/a.png'}},
                  {'type': 'document', 'title': 'Notes', 'source': {'type': 'text', 'media_type': 'text/plain', 'data': 'Body'}}]}]}""");

        assertThat(chat.path("messages").get(0).path("content")).isEqualTo(json("""
                {'c': [{'type': 'image_url', 'image_url': {'url': 'data:image/jpeg;base64,AAA'}},
                       {'type': 'image_url', 'image_url': {'url': 'https://example.com/a.png'}},
                       {'type': 'text', 'text': 'Notes\\n\\nBody'}]}""").get("c"));
    }

    @Test
    void toolsToolChoiceAndServerToolsMapToChat() {
        JsonNode chat = chat("""
                {'model': 'm', 'max_tokens': 1, 'messages': [{'role': 'user', 'content': 'x'}],
                 'tools': [{'name': 'Bash', 'description': 'Run', 'input_schema': {'type': 'object'}},
                           {'type': 'web_search_20250305', 'name': 'web_search'}],
                 'tool_choice': {'type': 'tool', 'name': 'Bash', 'disable_parallel_tool_use': true}}""");

        assertThat(chat.path("tools")).isEqualTo(json("""
                {'t': [{'type': 'function', 'function': {'name': 'Bash', 'description': 'Run',
                        'parameters': {'type': 'object'}}}]}""").get("t"));
        assertThat(chat.path("tool_choice")).isEqualTo(json("{'type': 'function', 'function': {'name': 'Bash'}}"));
        assertThat(chat.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(chat("{'model': 'm', 'max_tokens': 1, 'messages': [], 'tool_choice': {'type': 'any'}}")
                .path("tool_choice").asString()).isEqualTo("required");
    }

    @Test
    void thinkingAndEffortBecomeQwensThinkingSwitches() {
        JsonNode enabled = chat("{'model': 'm', 'max_tokens': 1, 'messages': [], 'thinking': {'type': 'enabled', 'budget_tokens': 2048}}");
        JsonNode adaptive = chat("{'model': 'm', 'max_tokens': 1, 'messages': [], 'thinking': {'type': 'adaptive'}, 'output_config': {'effort': 'low'}}");
        JsonNode disabled = chat("{'model': 'm', 'max_tokens': 1, 'messages': [], 'thinking': {'type': 'disabled'}}");

        assertThat(enabled.path("enable_thinking").asBoolean()).isTrue();
        assertThat(enabled.path("thinking_budget").asInt()).isEqualTo(2048);
        assertThat(adaptive.path("enable_thinking").asBoolean()).isTrue();
        assertThat(adaptive.path("reasoning_effort").asString()).isEqualTo("low");
        assertThat(disabled.path("enable_thinking").asBoolean(true)).isFalse();
    }

    @Test
    void aJsonSchemaOutputFormatBecomesTheChatResponseFormat() {
        JsonNode chat = chat("""
                {'model': 'm', 'max_tokens': 1, 'messages': [],
                 'output_config': {'effort': 'medium', 'format': {'type': 'json_schema',
                   'schema': {'type': 'object', 'properties': {'title': {'type': 'string'}}, 'required': ['title']}}}}""");

        assertThat(chat.path("response_format")).isEqualTo(json("""
                {'type': 'json_schema', 'json_schema': {'name': 'output', 'strict': true,
                 'schema': {'type': 'object', 'properties': {'title': {'type': 'string'}}, 'required': ['title']}}}"""));
        assertThat(chat.path("reasoning_effort").asString()).isEqualTo("medium");
        assertThat(chat("{'model': 'm', 'max_tokens': 1, 'messages': [], 'output_config': {'format': {'type': 'xml'}}}")
                .has("response_format")).as("an unknown format type stays behind").isFalse();
    }

    @Test
    void samplingGoesUpAsSentUserIdBecomesUserAndAnthropicOnlyFieldsStayBehind() {
        ObjectNode body = json("""
                {'model': 'm', 'max_tokens': 0, 'messages': [], 'temperature': 0, 'top_p': 0.9, 'top_k': 40,
                 'metadata': {'user_id': 'u-1'}, 'stop_sequences': ['END'], 'stream': true,
                 'context_management': {'edits': []}, 'output_config': {}, 'vl_high_resolution_images': false}""");
        MessagesCall call = translator.translate(body);
        JsonNode chat = call.chat();

        assertThat(chat.path("max_tokens").asInt(-1)).isZero();
        assertThat(chat.path("temperature").asInt(-1)).isZero();
        assertThat(chat.path("top_k").asInt()).isEqualTo(40);
        assertThat(chat.path("user").asString()).isEqualTo("u-1");
        assertThat(chat.path("vl_high_resolution_images").asBoolean(true)).isFalse();
        assertThat(chat.has("stop")).as("stop sequences are matched by the gateway").isFalse();
        assertThat(chat.has("context_management")).isFalse();
        assertThat(chat.has("metadata")).isFalse();
        assertThat(chat.path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(call.stopSequences()).containsExactly("END");
    }

    @Test
    void whatCannotBeSentIsA400NamingTheParam() {
        assertParam("{'model': 'm', 'messages': []}", "max_tokens");
        assertParam("{'model': 'm', 'max_tokens': 1}", "messages");
        assertParam("{'model': 'm', 'max_tokens': 1, 'messages': [{'role': 'robot', 'content': 'x'}]}", "messages.0.role");
        assertParam("{'model': 'm', 'max_tokens': 1, 'messages': [{'role': 'user'}]}", "messages.0.content");
        assertParam("{'model': 'm', 'max_tokens': 1, 'messages': [{'role': 'user', 'content': [{'type': 'image', 'source': {'type': 'file', 'file_id': 'f'}}]}]}",
                "messages.0.content.0.source.type");
        assertParam("{'model': 'm', 'max_tokens': 1, 'messages': [], 'tool_choice': {'type': 'maybe'}}", "tool_choice.type");
    }

    private void assertParam(String body, String param) {
        assertThatThrownBy(() -> chat(body)).as(body).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(e.param()).isEqualTo(param);
        });
    }
}
