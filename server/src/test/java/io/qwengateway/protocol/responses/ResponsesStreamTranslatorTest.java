package io.qwengateway.protocol.responses;

import static io.qwengateway.protocol.responses.ResponsesRequestTranslatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.SseFrame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ResponsesStreamTranslatorTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    private final ResponsesRequestTranslator requests = new ResponsesRequestTranslator(
            new InMemoryResponseStore(new ResponsesProperties.Store(Duration.ofMinutes(1), DataSize.ofKilobytes(64))),
            true);
    private final AtomicReference<ObjectNode> finished = new AtomicReference<>();

    private ResponsesStreamTranslator translator(String request) {
        ResponsesCall call = requests.translate(json(request), "");
        return new ResponsesStreamTranslator(JSON, call, ResponseObjects.inProgress("resp_t", 1, "coder-model", call),
                finished::set, CLOCK);
    }

    /** Every event sent for these upstream chunks, from start to the normal end. */
    private static List<JsonNode> events(ResponsesStreamTranslator translator, String... chunks) {
        List<SseFrame> frames = new ArrayList<>(translator.start());
        for (String chunk : chunks) {
            frames.addAll(translator.chunk(json(chunk)));
        }
        frames.addAll(translator.complete());
        return parsed(frames);
    }

    private static List<JsonNode> parsed(List<SseFrame> frames) {
        List<JsonNode> events = new ArrayList<>();
        for (SseFrame frame : frames) {
            JsonNode event = JSON.readTree(frame.data());
            assertThat(frame.event()).as("the event name repeats the data's type").isEqualTo(event.path("type").asString());
            events.add(event);
        }
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.path("type").asString()).toList();
    }

    private static String delta(String field, String text) {
        return "{'choices': [{'index': 0, 'delta': {'" + field + "': '" + text + "'}, 'finish_reason': null}]}";
    }

    private static String finish(String reason) {
        return "{'choices': [{'index': 0, 'delta': {}, 'finish_reason': '" + reason + "'}]}";
    }

    private static final String USAGE = """
            {'choices': [], 'usage': {'prompt_tokens': 10, 'completion_tokens': 4, 'total_tokens': 14,
              'prompt_tokens_details': {'cached_tokens': 6}, 'completion_tokens_details': {'reasoning_tokens': 2}}}""";

    @Test
    void aTextAnswerIsTheOfficialEventSequenceNumberedFromZero() {
        List<JsonNode> events = events(translator("{'model': 'coder-model', 'input': 'Hi', 'stream': true}"),
                delta("content", "Hel"), delta("content", "lo"), finish("stop"), USAGE);

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt(-1)).isEqualTo(i);
        }
        assertThat(events.get(0).path("response").path("status").asString()).isEqualTo("in_progress");
        assertThat(events.get(4).path("delta").asString()).isEqualTo("Hel");
        assertThat(events.get(6).path("text").asString()).isEqualTo("Hello");
        String itemId = events.get(2).path("item").path("id").asString();
        assertThat(itemId).startsWith("msg_");
        assertThat(events.get(4).path("item_id").asString()).isEqualTo(itemId);

        JsonNode response = events.get(9).path("response");
        assertThat(response.path("status").asString()).isEqualTo("completed");
        assertThat(response.path("completed_at").asLong()).isEqualTo(CLOCK.instant().getEpochSecond());
        assertThat(response.path("output").get(0)).isEqualTo(json("""
                {'id': '%s', 'type': 'message', 'status': 'completed', 'content': [{'type': 'output_text',
                  'annotations': [], 'logprobs': [], 'text': 'Hello'}], 'role': 'assistant'}""".formatted(itemId)));
        assertThat(normalised(response.path("usage"))).isEqualTo(json("""
                {'input_tokens': 10, 'input_tokens_details': {'cached_tokens': 6, 'cache_write_tokens': 0},
                 'output_tokens': 4, 'output_tokens_details': {'reasoning_tokens': 2}, 'total_tokens': 14}"""));
        assertThat(normalised(finished.get())).isEqualTo(response);
    }

    @Test
    void reasoningComesAsReasoningTextUnlessASummaryWasAskedFor() {
        List<JsonNode> content = events(translator("{'model': 'm', 'input': 'q', 'stream': true}"),
                delta("reasoning_content", "Hmm"), delta("content", "A"), finish("stop"));
        List<JsonNode> summary = events(translator("{'model': 'm', 'input': 'q', 'stream': true, 'reasoning': {'summary': 'auto'}}"),
                delta("reasoning_content", "Hmm"), delta("content", "A"), finish("stop"));

        assertThat(types(content)).containsSubsequence("response.output_item.added", "response.content_part.added",
                "response.reasoning_text.delta", "response.reasoning_text.done", "response.content_part.done",
                "response.output_item.done", "response.output_item.added");
        assertThat(types(summary)).containsSubsequence("response.output_item.added",
                "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done", "response.output_item.added");
        JsonNode reasoning = content.get(content.size() - 1).path("response").path("output").get(0);
        assertThat(reasoning.path("type").asString()).isEqualTo("reasoning");
        assertThat(reasoning.path("id").asString()).startsWith("rs_");
        assertThat(reasoning.path("content").get(0)).isEqualTo(json("{'type': 'reasoning_text', 'text': 'Hmm'}"));
        assertThat(reasoning.path("summary")).isEmpty();
        JsonNode summarised = summary.get(summary.size() - 1).path("response").path("output").get(0);
        assertThat(summarised.path("summary").get(0)).isEqualTo(json("{'type': 'summary_text', 'text': 'Hmm'}"));
        assertThat(summary.get(summary.size() - 1).path("response").path("output").get(1).path("type").asString())
                .isEqualTo("message");
    }

    @Test
    void toolCallsAreFunctionCallItemsWithTheClientsNamesAndNamespaces() {
        ResponsesStreamTranslator translator = translator("""
                {'model': 'm', 'input': 'go', 'stream': true, 'tools': [{'type': 'function', 'name': 'exec_command'},
                  {'type': 'namespace', 'name': 'agents', 'description': '', 'tools': [{'type': 'function', 'name': 'spawn'}]}]}""");
        List<JsonNode> events = events(translator,
                "{'choices': [{'index': 0, 'delta': {'tool_calls': [{'index': 0, 'id': 'call_a', 'type': 'function', 'function': {'name': 'exec_command', 'arguments': ''}}]}}]}",
                "{'choices': [{'index': 0, 'delta': {'tool_calls': [{'index': 0, 'function': {'arguments': '{\\'cmd\\':'}}]}}]}",
                "{'choices': [{'index': 0, 'delta': {'tool_calls': [{'index': 0, 'function': {'arguments': '\\'ls\\'}'}}]}}]}",
                "{'choices': [{'index': 0, 'delta': {'tool_calls': [{'index': 1, 'id': 'call_b', 'type': 'function', 'function': {'name': 'agents__spawn', 'arguments': '{}'}}]}}]}",
                finish("tool_calls"));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.output_item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.function_call_arguments.done", "response.output_item.done",
                "response.completed");
        JsonNode output = events.get(events.size() - 1).path("response").path("output");
        assertThat(output.get(0).path("type").asString()).isEqualTo("function_call");
        assertThat(output.get(0).path("id").asString()).startsWith("fc_");
        assertThat(output.get(0).path("call_id").asString()).isEqualTo("call_a");
        assertThat(output.get(0).path("name").asString()).isEqualTo("exec_command");
        assertThat(output.get(0).path("arguments").asString()).isEqualTo("{\"cmd\":\"ls\"}");
        assertThat(output.get(0).has("namespace")).isFalse();
        assertThat(output.get(1).path("name").asString()).isEqualTo("spawn");
        assertThat(output.get(1).path("namespace").asString()).isEqualTo("agents");
        assertThat(events.get(7).path("arguments").asString()).isEqualTo("{\"cmd\":\"ls\"}");
    }

    @Test
    void aCustomToolCallIsACustomToolCallItemWithItsInput() {
        List<JsonNode> events = events(translator("""
                {'model': 'm', 'input': 'patch', 'stream': true, 'tools': [{'type': 'custom', 'name': 'apply_patch'}]}"""),
                "{'choices': [{'index': 0, 'delta': {'tool_calls': [{'index': 0, 'id': 'call_p', 'type': 'function', 'function': {'name': 'apply_patch', 'arguments': '{\\'input\\': \\'*** Begin\\'}'}}]}}]}",
                finish("tool_calls"));

        assertThat(types(events)).containsSubsequence("response.output_item.added",
                "response.custom_tool_call_input.delta", "response.custom_tool_call_input.done",
                "response.output_item.done");
        JsonNode item = events.get(events.size() - 1).path("response").path("output").get(0);
        assertThat(item.path("type").asString()).isEqualTo("custom_tool_call");
        assertThat(item.path("input").asString()).isEqualTo("*** Begin");
        assertThat(item.path("call_id").asString()).isEqualTo("call_p");
    }

    @Test
    void aLengthCutOffIsAnIncompleteResponse() {
        List<JsonNode> events = events(translator("{'model': 'm', 'input': 'q', 'stream': true, 'max_output_tokens': 2}"),
                delta("content", "Half"), finish("length"));

        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("type").asString()).isEqualTo("response.incomplete");
        assertThat(last.path("response").path("status").asString()).isEqualTo("incomplete");
        assertThat(last.path("response").path("incomplete_details").path("reason").asString())
                .isEqualTo("max_output_tokens");
        assertThat(last.path("response").path("output").get(0).path("status").asString()).isEqualTo("incomplete");
        assertThat(last.path("response").path("max_output_tokens").asInt()).isEqualTo(2);
    }

    @Test
    void aFailureAfterTheStartEndsWithResponseFailedCarryingTheError() {
        ResponsesStreamTranslator translator = translator("{'model': 'm', 'input': 'q', 'stream': true}");
        translator.start();
        translator.chunk(json(delta("content", "par")));

        List<JsonNode> events = parsed(translator.fail(new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                "rate_limit_error", "rate_limit_exceeded", "Slow down.")));

        assertThat(types(events)).containsExactly("response.failed");
        JsonNode response = events.get(0).path("response");
        assertThat(response.path("status").asString()).isEqualTo("failed");
        assertThat(response.path("error")).isEqualTo(json("{'code': 'rate_limit_exceeded', 'message': 'Slow down.'}"));
        assertThat(finished.get()).as("a failed response is not stored").isNull();
    }

    @Test
    void theResponseEchoesTheRequestsSettings() {
        List<JsonNode> events = events(translator("""
                {'model': 'm', 'input': 'q', 'stream': true, 'instructions': 'I', 'temperature': 0.2,
                 'tool_choice': 'none', 'metadata': {'a': 'b'}, 'store': false}"""), finish("stop"));

        JsonNode response = events.get(events.size() - 1).path("response");
        assertThat(response.path("id").asString()).isEqualTo("resp_t");
        assertThat(response.path("object").asString()).isEqualTo("response");
        assertThat(response.path("model").asString()).isEqualTo("coder-model");
        assertThat(response.path("instructions").asString()).isEqualTo("I");
        assertThat(response.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(response.path("top_p").isNull()).isTrue();
        assertThat(response.path("tool_choice").asString()).isEqualTo("none");
        assertThat(response.path("tools")).isEmpty();
        assertThat(response.path("parallel_tool_calls").asBoolean()).isTrue();
        assertThat(response.path("metadata")).isEqualTo(json("{'a': 'b'}"));
        assertThat(response.path("store").asBoolean(true)).isFalse();
        assertThat(response.path("error").isNull()).isTrue();
        assertThat(response.path("incomplete_details").isNull()).isTrue();
    }

    @Test
    void aJsonCompletionGivesTheSameOutputAsTheStream() {
        String request = "{'model': 'm', 'input': 'q', 'tools': [{'type': 'function', 'name': 'f'}]}";
        ResponsesCall call = requests.translate(json(request), "");
        ObjectNode response = ResponsesJsonTranslator.translate(call,
                ResponseObjects.inProgress("resp_j", 1, "m", call), json("""
                        {'id': 'c', 'object': 'chat.completion', 'choices': [{'index': 0, 'finish_reason': 'tool_calls',
                          'message': {'role': 'assistant', 'reasoning_content': 'R', 'content': 'T',
                            'tool_calls': [{'id': 'call_1', 'type': 'function', 'function': {'name': 'f', 'arguments': '{}'}}]}}],
                         'usage': {'prompt_tokens': 5, 'completion_tokens': 3, 'total_tokens': 8}}"""), CLOCK);

        List<JsonNode> streamed = events(translator(request), delta("reasoning_content", "R"), delta("content", "T"),
                "{'choices': [{'index': 0, 'delta': {'tool_calls': [{'index': 0, 'id': 'call_1', 'type': 'function', 'function': {'name': 'f', 'arguments': '{}'}}]}}]}",
                finish("tool_calls"),
                "{'choices': [], 'usage': {'prompt_tokens': 5, 'completion_tokens': 3, 'total_tokens': 8}}");
        JsonNode streamedResponse = streamed.get(streamed.size() - 1).path("response");

        assertThat(response.path("status").asString()).isEqualTo("completed");
        assertThat(withoutIds(normalised(response.path("output")))).isEqualTo(withoutIds(streamedResponse.path("output")));
        assertThat(normalised(response.path("usage"))).isEqualTo(streamedResponse.path("usage"));
        assertThat(types(response.path("output"))).containsExactly("reasoning", "message", "function_call");
    }

    private static List<String> types(JsonNode items) {
        List<String> types = new ArrayList<>();
        items.forEach(item -> types.add(item.path("type").asString()));
        return types;
    }

    /** Numbers as JSON text has them (the translator's longs and a parser's ints compare unequal as nodes). */
    private static JsonNode normalised(JsonNode node) {
        return JSON.readTree(node.toString());
    }

    private static JsonNode withoutIds(JsonNode items) {
        JsonNode copy = items.deepCopy();
        copy.forEach(item -> ((ObjectNode) item).remove("id"));
        return copy;
    }

    @Test
    void codexsRemoteCompactionIsAnsweredWithOneCheckpointThatComesBackAsTheSummary() {
        String trigger = """
                {'model': 'm', 'stream': true, 'store': false, 'tools': [{'type': 'function', 'name': 'exec_command'}],
                 'input': [{'role': 'user', 'content': 'build it'}, {'role': 'assistant', 'content': 'done'},
                           {'type': 'compaction_trigger'}]}""";
        ResponsesCall call = requests.translate(json(trigger), "");
        assertThat(call.compaction()).isTrue();
        JsonNode messages = call.chat().path("messages");
        assertThat(messages.get(messages.size() - 1).path("content").asString()).isEqualTo(Compaction.DEFAULT.prompt());
        assertThat(call.chat().path("tool_choice").asString()).isEqualTo("none");

        List<JsonNode> events = events(translator(trigger), delta("reasoning_content", "hmm"),
                delta("content", "Built it; "), delta("content", "tests pass."), finish("stop"));

        assertThat(types(events)).containsExactly("response.created", "response.in_progress",
                "response.output_item.added", "response.output_item.done", "response.completed");
        JsonNode checkpoint = events.get(3).path("item");
        assertThat(checkpoint.path("type").asString()).isEqualTo("compaction");
        assertThat(checkpoint.path("id").asString()).startsWith("cmp_");
        assertThat(events.get(4).path("response").path("output")).containsExactly(checkpoint);

        JsonNode next = requests.translate(json("""
                {'model': 'm', 'input': [{'type': 'compaction', 'id': 'cmp_1', 'encrypted_content': '%s'},
                                         {'role': 'user', 'content': 'next'}]}""".formatted(
                checkpoint.path("encrypted_content").asString())), "").chat();
        assertThat(next.path("messages").get(0).path("content").asString())
                .startsWith(Compaction.DEFAULT.summaryPrefix()).endsWith("Built it; tests pass.");
        assertThat(next.path("messages").get(1).path("content").asString()).isEqualTo("next");
    }

    @Test
    void someoneElsesCheckpointIsLeftOutRatherThanSentAsGibberish() {
        JsonNode chat = requests.translate(json("""
                {'model': 'm', 'input': [{'type': 'compaction', 'encrypted_content': 'gAAAAABencrypted'},
                                         {'role': 'user', 'content': 'next'}]}"""), "").chat();

        assertThat(chat.path("messages")).hasSize(1);
    }
}
