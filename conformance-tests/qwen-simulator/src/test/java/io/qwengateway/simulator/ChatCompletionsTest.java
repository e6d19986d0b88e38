package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Normal, non-streamed answers: shape and deterministic content. */
class ChatCompletionsTest extends SimulatorTestBase {

    private JsonNode ask(String requestJson) {
        HttpResponse<String> response = http.chat(token, requestJson);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        return TestHttp.json(response);
    }

    private static JsonNode messageOf(JsonNode completion) {
        return completion.path("choices").path(0).path("message");
    }

    @Test
    void answerIsAChatCompletionEchoingTheLastUserMessage() {
        JsonNode completion = ask(ChatRequests.userSays("What is 2+2?"));

        assertTrue(completion.path("id").stringValue().startsWith("chatcmpl-"));
        assertEquals("chat.completion", completion.path("object").stringValue());
        assertEquals("coder-model", completion.path("model").stringValue());
        assertTrue(completion.path("created").isNumber());
        assertTrue(completion.path("system_fingerprint").isNull());
        JsonNode choice = completion.path("choices").path(0);
        assertEquals(0, choice.path("index").asInt());
        assertEquals("stop", choice.path("finish_reason").stringValue());
        assertTrue(choice.path("logprobs").isNull());
        assertEquals("assistant", messageOf(completion).path("role").stringValue());
        assertEquals("Hello from the Qwen simulator. You said: What is 2+2?",
                messageOf(completion).path("content").stringValue());
    }

    @Test
    void usageIsCharactersOverFourRoundedUp() {
        JsonNode usage = ask(ChatRequests.userSays("12345")).path("usage");

        // prompt "12345" = 2 tokens; answer "Hello from the Qwen simulator. You said: 12345" (46 chars) = 12 tokens
        assertEquals(2, usage.path("prompt_tokens").asInt());
        assertEquals(12, usage.path("completion_tokens").asInt());
        assertEquals(14, usage.path("total_tokens").asInt());
        assertEquals(0, usage.path("prompt_tokens_details").path("cached_tokens").asInt());
    }

    @Test
    void cacheMarkedSystemPromptIsReportedAsCachedTokens() {
        JsonNode usage = ask("{\"model\":\"coder-model\",\"messages\":["
                + "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"You are a coder.\","
                + "\"cache_control\":{\"type\":\"ephemeral\"}}]},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}").path("usage");

        assertEquals(4, usage.path("prompt_tokens_details").path("cached_tokens").asInt());
    }

    @Test
    void longUserMessagesAreEchoedTruncatedTo200Characters() {
        String content = messageOf(ask(ChatRequests.userSays("x".repeat(500)))).path("content").stringValue();

        assertEquals("Hello from the Qwen simulator. You said: " + "x".repeat(200), content);
    }

    @Test
    void arrayContentJoinsTextPartsAndCountsImages() {
        JsonNode completion = ask("{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAAA\"}},"
                + "{\"type\":\"text\",\"text\":\"in this picture?\"}]}]}");

        assertEquals("Hello from the Qwen simulator. You said: What is in this picture? [1 image]",
                messageOf(completion).path("content").stringValue());
    }

    @Test
    void offeredToolsGetOneCallToTheFirstToolWithRequiredArgumentsFilledByType() {
        JsonNode completion = ask(ChatRequests.withTools(false, ChatRequests.READ_FILE_TOOL,
                ChatRequests.LIST_DIRECTORY_TOOL));

        assertEquals("tool_calls", completion.path("choices").path(0).path("finish_reason").stringValue());
        JsonNode call = messageOf(completion).path("tool_calls").path(0);
        assertTrue(call.path("id").stringValue().startsWith("call_"));
        assertEquals("function", call.path("type").stringValue());
        assertEquals("read_file", call.path("function").path("name").stringValue());
        assertEquals("{\"path\":\"sample\",\"limit\":1,\"follow\":true,\"tags\":[],\"options\":{}}",
                call.path("function").path("arguments").stringValue());
        assertEquals(1, messageOf(completion).path("tool_calls").size());
    }

    @Test
    void toolChoiceNoneGetsTextInstead() {
        JsonNode completion = ask("{\"model\":\"coder-model\",\"tool_choice\":\"none\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"tools\":[" + ChatRequests.READ_FILE_TOOL
                + "]}");

        assertFalse(messageOf(completion).has("tool_calls"));
        assertEquals("stop", completion.path("choices").path(0).path("finish_reason").stringValue());
    }

    @Test
    void callToolCallsTheNamedToolWithTheGivenArgumentsWhateverIsOffered() {
        simulator.enqueueChat(ChatBehaviour.callTool("exec_command", "{\"cmd\":\"echo hi\"}"));

        JsonNode completion = ask(ChatRequests.withTools(false, ChatRequests.READ_FILE_TOOL));

        assertEquals("tool_calls", completion.path("choices").path(0).path("finish_reason").stringValue());
        JsonNode calls = messageOf(completion).path("tool_calls");
        assertEquals(1, calls.size());
        assertEquals("exec_command", calls.path(0).path("function").path("name").stringValue());
        assertEquals("{\"cmd\":\"echo hi\"}", calls.path(0).path("function").path("arguments").stringValue());
    }

    @Test
    void callToolStreamsTheNamedCall() {
        simulator.enqueueChat(ChatBehaviour.callTool("exec_command", "{\"cmd\":\"echo hi\"}"));

        List<JsonNode> chunks = TestHttp.chunks(http.chat(token, ChatRequests.withTools(true,
                ChatRequests.READ_FILE_TOOL)).body());

        StringBuilder arguments = new StringBuilder();
        List<String> names = new ArrayList<>();
        chunks.forEach(chunk -> chunk.path("choices").path(0).path("delta").path("tool_calls").forEach(delta -> {
            arguments.append(delta.path("function").path("arguments").asString(""));
            if (delta.path("function").has("name")) {
                names.add(delta.path("function").path("name").stringValue());
            }
        }));
        assertEquals(List.of("exec_command"), names);
        assertEquals("{\"cmd\":\"echo hi\"}", arguments.toString());
    }

    @Test
    void answerWithoutToolsAnswersTextAlthoughToolsAreOffered() {
        simulator.enqueueChat(ChatBehaviour.answerWithoutTools());

        JsonNode completion = ask(ChatRequests.withTools(false, ChatRequests.READ_FILE_TOOL));

        assertFalse(messageOf(completion).has("tool_calls"));
        assertEquals("stop", completion.path("choices").path(0).path("finish_reason").stringValue());
        assertEquals("Hello from the Qwen simulator. You said: Show me the README",
                messageOf(completion).path("content").stringValue());
    }

    @Test
    void toolResultAsLastMessageGetsAcknowledged() {
        JsonNode completion = ask("{\"model\":\"coder-model\",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"read it\"},"
                + "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"read_file\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"# README\"}],"
                + "\"tools\":[" + ChatRequests.READ_FILE_TOOL + "]}");

        assertEquals("Tool result received: # README", messageOf(completion).path("content").stringValue());
    }

    @Test
    void jsonObjectResponseFormatGetsAJsonMessage() {
        JsonNode completion = ask("{\"model\":\"coder-model\",\"response_format\":{\"type\":\"json_object\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        JsonNode content = TestHttp.json(messageOf(completion).path("content").stringValue());
        assertEquals("Hello from the Qwen simulator. You said: hi", content.path("message").stringValue());
    }

    @Test
    void jsonSchemaResponseFormatFillsTheRequiredProperties() {
        JsonNode completion = ask("{\"model\":\"coder-model\",\"response_format\":{\"type\":\"json_schema\","
                + "\"json_schema\":{\"name\":\"answer\",\"schema\":{\"type\":\"object\",\"properties\":{"
                + "\"city\":{\"type\":\"string\"},\"population\":{\"type\":\"integer\"},"
                + "\"unit\":{\"type\":\"string\",\"enum\":[\"km\",\"mi\"]},\"note\":{\"type\":[\"string\",\"null\"]}},"
                + "\"required\":[\"city\",\"population\",\"unit\",\"note\"]}}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals("{\"city\":\"sample\",\"population\":1,\"unit\":\"km\",\"note\":\"sample\"}",
                messageOf(completion).path("content").stringValue());
    }

    @Test
    void enableThinkingAddsReasoningContent() {
        JsonNode completion = ask("{\"model\":\"coder-model\",\"enable_thinking\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"why?\"}]}");

        assertEquals("Thinking about: why?", messageOf(completion).path("reasoning_content").stringValue());
    }

    @Test
    void reasoningEffortNoneAddsNoReasoning() {
        JsonNode completion = ask("{\"model\":\"coder-model\",\"reasoning_effort\":\"none\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"why?\"}]}");

        assertFalse(messageOf(completion).has("reasoning_content"));
    }

    @Test
    void malformedRequestsGet400InOpenAiShape() {
        HttpResponse<String> notJson = http.chat(token, "{nope");
        HttpResponse<String> noMessages = http.chat(token, "{\"model\":\"coder-model\",\"messages\":[]}");
        HttpResponse<String> noModel = http.chat(token, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        for (HttpResponse<String> response : new HttpResponse[] {notJson, noMessages, noModel}) {
            assertEquals(400, response.statusCode());
            assertEquals("invalid_request_error",
                    TestHttp.json(response).path("error").path("type").stringValue());
        }
    }

    @Test
    void dashScopeCompatibleModePathServesTheSameApi() {
        HttpResponse<String> response = http.postJson("/compatible-mode/v1/chat/completions", token,
                ChatRequests.userSays("hi"));

        assertEquals(200, response.statusCode());
    }

    @Test
    void unknownRoutesGet404Json() {
        HttpResponse<String> response = http.get("/v1/models");

        assertEquals(404, response.statusCode());
        assertEquals("Invalid URL (GET /v1/models)",
                TestHttp.json(response).path("error").path("message").stringValue());
    }
}
