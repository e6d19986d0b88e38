package io.qwengateway.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import io.qwengateway.errors.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ResponsesRequestTranslatorTest {

    private static final JsonMapper JSON = new JsonMapper();

    private final InMemoryResponseStore store = new InMemoryResponseStore(
            new ResponsesProperties.Store(Duration.ofMinutes(5), DataSize.ofMegabytes(1)));
    private final ResponsesRequestTranslator translator = new ResponsesRequestTranslator(store, true);

    static ObjectNode json(String singleQuoted) {
        return (ObjectNode) JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    private ResponsesCall translate(String body) {
        return translator.translate(json(body), "");
    }

    private JsonNode chat(String body) {
        return translate(body).chat();
    }

    @Test
    void aStringInputIsOneUserMessageAndInstructionsLeadAsTheSystemMessage() {
        JsonNode chat = chat("{'model': 'coder-model', 'instructions': 'Be terse.', 'input': 'Hi'}");

        assertThat(chat.path("model").asString()).isEqualTo("coder-model");
        assertThat(chat.path("messages")).isEqualTo(json("""
                {'m': [{'role': 'system', 'content': 'Be terse.'}, {'role': 'user', 'content': 'Hi'}]}""").get("m"));
    }

    @Test
    void developerAndSystemMessagesJoinTheInstructionsInOneLeadingSystemMessage() {
        JsonNode chat = chat("""
                {'model': 'm', 'instructions': 'I', 'input': [
                  {'type': 'message', 'role': 'developer', 'content': [{'type': 'input_text', 'text': 'D1'}]},
                  {'role': 'user', 'content': 'U'},
                  {'type': 'message', 'role': 'system', 'content': 'S'}]}""");

        assertThat(chat.path("messages")).isEqualTo(json("""
                {'m': [{'role': 'system', 'content': 'I\\n\\nD1\\n\\nS'}, {'role': 'user', 'content': 'U'}]}""").get("m"));
    }

    @Test
    void userPartsBecomeChatTextAndImageParts() {
        JsonNode chat = chat("""
                {'model': 'm', 'input': [{'role': 'user', 'content': [
                  {'type': 'input_text', 'text': 'What is this?'},
                  {'type': 'input_image', 'image_url': 'data:image/png;base64,AAA', 'detail': 'high'}]}]}""");

        assertThat(chat.path("messages").get(0).path("content")).isEqualTo(json("""
                {'c': [{'type': 'text', 'text': 'What is this?'},
                       {'type': 'image_url', 'image_url': {'url': 'data:image/png;base64,AAA', 'detail': 'high'}}]}""")
                .get("c"));
    }

    @Test
    void functionCallsJoinTheAssistantMessageAndOutputsBecomeToolMessages() {
        JsonNode chat = chat("""
                {'model': 'm', 'input': [
                  {'role': 'user', 'content': 'ls'},
                  {'type': 'message', 'role': 'assistant', 'content': [{'type': 'output_text', 'text': 'Running.'}]},
                  {'type': 'function_call', 'call_id': 'call_1', 'name': 'exec_command', 'arguments': '{\\"cmd\\":\\"ls\\"}'},
                  {'type': 'function_call', 'call_id': 'call_2', 'name': 'exec_command', 'arguments': '{\\"cmd\\":\\"pwd\\"}'},
                  {'type': 'function_call_output', 'call_id': 'call_1', 'output': 'a.txt'},
                  {'type': 'function_call_output', 'call_id': 'call_2', 'output': [{'type': 'input_text', 'text': '/w'}]}]}""");

        assertThat(chat.path("messages")).isEqualTo(json("""
                {'m': [{'role': 'user', 'content': 'ls'},
                       {'role': 'assistant', 'content': 'Running.', 'tool_calls': [
                         {'id': 'call_1', 'type': 'function', 'function': {'name': 'exec_command', 'arguments': '{\\"cmd\\":\\"ls\\"}'}},
                         {'id': 'call_2', 'type': 'function', 'function': {'name': 'exec_command', 'arguments': '{\\"cmd\\":\\"pwd\\"}'}}]},
                       {'role': 'tool', 'tool_call_id': 'call_1', 'content': 'a.txt'},
                       {'role': 'tool', 'tool_call_id': 'call_2', 'content': '/w'}]}""").get("m"));
    }

    @Test
    void reasoningTextGoesBackWithTheAssistantTurnItLedTo() {
        JsonNode chat = chat("""
                {'model': 'm', 'input': [
                  {'role': 'user', 'content': 'q'},
                  {'type': 'reasoning', 'id': 'rs_1', 'summary': [{'type': 'summary_text', 'text': 'Think.'}]},
                  {'type': 'function_call', 'call_id': 'c', 'name': 'f', 'arguments': '{}'},
                  {'type': 'function_call_output', 'call_id': 'c', 'output': 'ok'}]}""");

        JsonNode assistant = chat.path("messages").get(1);
        assertThat(assistant.path("reasoning_content").asString()).isEqualTo("Think.");
        assertThat(assistant.path("content").isNull()).isTrue();
    }

    @Test
    void reasoningIsDroppedWhenReplayIsOff() {
        ResponsesRequestTranslator noReplay = new ResponsesRequestTranslator(store, false);
        JsonNode chat = noReplay.translate(json("""
                {'model': 'm', 'input': [{'type': 'reasoning', 'summary': [{'type': 'summary_text', 'text': 'T'}]},
                  {'role': 'assistant', 'content': 'A'}]}"""), "").chat();

        assertThat(chat.path("messages").get(0).has("reasoning_content")).isFalse();
    }

    @Test
    void functionAndNamespaceToolsBecomeFlatChatFunctionsAndBuiltInsAreLeftOut() {
        ResponsesCall call = translate("""
                {'model': 'm', 'input': 'x', 'tools': [
                  {'type': 'function', 'name': 'exec_command', 'description': 'Run', 'parameters': {'type': 'object'}, 'strict': false},
                  {'type': 'namespace', 'name': 'multi_agent_v1', 'description': 'Agents', 'tools': [
                    {'type': 'function', 'name': 'spawn', 'parameters': {'type': 'object'}}]},
                  {'type': 'web_search', 'external_web_access': false},
                  {'type': 'local_shell'}]}""");

        assertThat(call.chat().path("tools")).isEqualTo(json("""
                {'t': [{'type': 'function', 'function': {'name': 'exec_command', 'description': 'Run',
                          'parameters': {'type': 'object'}, 'strict': false}},
                       {'type': 'function', 'function': {'name': 'multi_agent_v1__spawn', 'parameters': {'type': 'object'}}}]}""")
                .get("t"));
        assertThat(call.tools().clientTool("multi_agent_v1__spawn"))
                .isEqualTo(new ToolNames.Tool("spawn", "multi_agent_v1", ToolNames.Kind.FUNCTION));
    }

    @Test
    void aFlattenedNameThatCollidesWithAnotherToolIsMadeUnique() {
        ResponsesCall call = translate("""
                {'model': 'm', 'input': 'x', 'tools': [
                  {'type': 'function', 'name': 'ns__f'},
                  {'type': 'namespace', 'name': 'ns', 'description': '', 'tools': [{'type': 'function', 'name': 'f'}]}]}""");

        assertThat(call.chat().path("tools").get(1).path("function").path("name").asString()).isEqualTo("ns__f_2");
        assertThat(call.tools().clientTool("ns__f_2").namespace()).isEqualTo("ns");
        assertThat(call.tools().clientTool("ns__f").namespace()).isNull();
    }

    @Test
    void aNamespacedCallInTheHistoryGoesUpUnderItsFlatName() {
        JsonNode chat = chat("""
                {'model': 'm', 'tools': [{'type': 'namespace', 'name': 'ns', 'description': '', 'tools': [{'type': 'function', 'name': 'f'}]}],
                 'input': [{'type': 'function_call', 'call_id': 'c', 'namespace': 'ns', 'name': 'f', 'arguments': '{}'},
                           {'type': 'function_call_output', 'call_id': 'c', 'output': 'ok'}]}""");

        assertThat(chat.path("messages").get(0).path("tool_calls").get(0).path("function").path("name").asString())
                .isEqualTo("ns__f");
    }

    @Test
    void aCustomToolIsAFunctionWithOneStringInputAndItsGrammarInTheDescription() {
        ResponsesCall call = translate("""
                {'model': 'm', 'input': [
                  {'type': 'custom_tool_call', 'call_id': 'c', 'name': 'apply_patch', 'input': '*** Begin Patch'},
                  {'type': 'custom_tool_call_output', 'call_id': 'c', 'output': 'Done'}],
                 'tools': [{'type': 'custom', 'name': 'apply_patch', 'description': 'Patch files.',
                            'format': {'type': 'grammar', 'syntax': 'lark', 'definition': 'start: x'}}]}""");

        JsonNode function = call.chat().path("tools").get(0).path("function");
        assertThat(function.path("name").asString()).isEqualTo("apply_patch");
        assertThat(function.path("description").asString()).contains("Patch files.", "lark", "start: x");
        assertThat(function.path("parameters").path("required").get(0).asString()).isEqualTo("input");
        assertThat(call.tools().clientTool("apply_patch").kind()).isEqualTo(ToolNames.Kind.CUSTOM);
        assertThat(call.chat().path("messages").get(0).path("tool_calls").get(0).path("function").path("arguments")
                .asString()).isEqualTo("{\"input\":\"*** Begin Patch\"}");
    }

    @Test
    void toolChoiceTextFormatReasoningAndLimitsMapToTheirChatNames() {
        JsonNode chat = chat("""
                {'model': 'm', 'input': 'x', 'tools': [{'type': 'function', 'name': 'f'}],
                 'tool_choice': {'type': 'function', 'name': 'f'}, 'max_output_tokens': 0,
                 'reasoning': {'effort': 'high', 'summary': 'auto'},
                 'text': {'format': {'type': 'json_schema', 'name': 'p', 'schema': {'type': 'object'}, 'strict': true}}}""");

        assertThat(chat.path("tool_choice")).isEqualTo(json("{'type': 'function', 'function': {'name': 'f'}}"));
        assertThat(chat.path("max_tokens").asInt(-1)).isZero();
        assertThat(chat.path("reasoning_effort").asString()).isEqualTo("high");
        assertThat(chat.path("response_format")).isEqualTo(json("""
                {'type': 'json_schema', 'json_schema': {'name': 'p', 'schema': {'type': 'object'}, 'strict': true}}"""));
        assertThat(chat.has("reasoning")).isFalse();
        assertThat(chat.has("text")).isFalse();
    }

    @Test
    void samplingSettingsIdentifiersAndQwenExtensionsGoUpstreamAsSent() {
        JsonNode chat = chat("""
                {'model': 'm', 'input': 'x', 'temperature': 0, 'top_p': 0.5, 'parallel_tool_calls': false,
                 'user': 'u', 'metadata': {'k': 'v'}, 'safety_identifier': 's', 'prompt_cache_key': 'sess-1',
                 'enable_thinking': true, 'thinking_budget': 100}""");

        assertThat(chat.path("temperature").asInt(-1)).isZero();
        assertThat(chat.path("top_p").asDouble()).isEqualTo(0.5);
        assertThat(chat.path("parallel_tool_calls").asBoolean(true)).isFalse();
        assertThat(chat.path("prompt_cache_key").asString()).isEqualTo("sess-1");
        assertThat(chat.path("metadata")).isEqualTo(json("{'k': 'v'}"));
        assertThat(chat.path("enable_thinking").asBoolean()).isTrue();
        assertThat(chat.path("thinking_budget").asInt()).isEqualTo(100);
    }

    @Test
    void fieldsWithoutUpstreamMeaningStayBehind() {
        JsonNode chat = chat("""
                {'model': 'm', 'input': 'x', 'store': false, 'include': ['reasoning.encrypted_content'],
                 'truncation': 'auto', 'service_tier': 'auto', 'client_metadata': {'a': 1}, 'stream': true}""");

        assertThat(chat.propertyNames()).containsExactlyInAnyOrder("model", "messages", "stream", "stream_options");
        assertThat(chat.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void storeIsOnUnlessTheClientSaysFalse() {
        assertThat(translate("{'model': 'm', 'input': 'x'}").store()).isTrue();
        assertThat(translate("{'model': 'm', 'input': 'x', 'store': false}").store()).isFalse();
    }

    @Test
    void aPreviousResponseContributesItsHistoryAndOutputButNotItsInstructions() {
        ObjectNode earlierResponse = json("""
                {'id': 'resp_1', 'instructions': 'Old', 'output': [{'type': 'message', 'id': 'msg_o', 'role': 'assistant',
                  'content': [{'type': 'output_text', 'text': 'Hello!'}]}]}""");
        store.save(new StoredResponse("resp_1", "", earlierResponse,
                List.of(json("{'type': 'message', 'id': 'msg_i', 'role': 'user', 'content': 'Hi'}")), List.of(), 100));

        ResponsesCall call = translate("{'model': 'm', 'previous_response_id': 'resp_1', 'input': 'And now?'}");

        assertThat(call.chat().path("messages")).isEqualTo(json("""
                {'m': [{'role': 'user', 'content': 'Hi'}, {'role': 'assistant', 'content': 'Hello!'},
                       {'role': 'user', 'content': 'And now?'}]}""").get("m"));
        assertThat(call.history()).hasSize(3);
        assertThat(call.input()).hasSize(1);
    }

    @Test
    void anUnknownPreviousResponseIsA404NamingTheParam() {
        assertThatThrownBy(() -> translate("{'model': 'm', 'previous_response_id': 'resp_nope', 'input': 'x'}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND);
                    assertThat(e.param()).isEqualTo("previous_response_id");
                });
    }

    @Test
    void anotherClientsResponseCannotBeContinued() {
        store.save(new StoredResponse("resp_2", "owner-a", json("{'output': []}"), List.of(), List.of(), 10));

        assertThatThrownBy(() -> translator.translate(json("{'model': 'm', 'previous_response_id': 'resp_2'}"), "owner-b"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void anItemReferenceIsResolvedFromTheConversation() {
        store.save(new StoredResponse("resp_3", "", json("{'output': []}"),
                List.of(json("{'type': 'message', 'id': 'msg_x', 'role': 'user', 'content': 'Earlier'}")), List.of(), 10));

        ResponsesCall call = translate("""
                {'model': 'm', 'previous_response_id': 'resp_3', 'input': [{'type': 'item_reference', 'id': 'msg_x'}]}""");

        assertThat(call.input().get(0).path("content").asString()).isEqualTo("Earlier");
    }

    @Test
    void whatTheGatewayCannotHonourIsA400NamingTheParam() {
        assertParam("{'model': 'm', 'input': 'x', 'background': true}", "background");
        assertParam("{'model': 'm', 'input': 'x', 'conversation': 'conv_1'}", "conversation");
        assertParam("{'model': 'm', 'input': 'x', 'prompt': {'id': 'p'}}", "prompt");
        assertParam("{'model': 'm', 'input': [{'role': 'user', 'content': [{'type': 'input_image', 'file_id': 'f'}]}]}",
                "input[0].content[0].image_url");
        assertParam("{'model': 'm', 'input': [{'role': 'user', 'content': [{'type': 'input_file', 'file_data': 'x'}]}]}",
                "input[0].content[0].type");
        assertParam("{'model': 'm', 'input': [{'role': 'robot', 'content': 'x'}]}", "input[0].role");
        assertParam("{'model': 'm', 'input': [{'type': 'function_call_output', 'output': 'x'}]}", "input[0].call_id");
        assertParam("{'model': 'm', 'input': 7}", "input");
        assertParam("{'model': 'm', 'input': [7]}", "input[0]");
        assertParam("{'model': 'm', 'input': 'x', 'tools': [{'type': 'function'}]}", "tools[0].name");
    }

    private void assertParam(String body, String param) {
        assertThatThrownBy(() -> translate(body)).as(body)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.param()).isEqualTo(param);
                });
    }
}
