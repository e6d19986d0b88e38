package io.qwengateway.protocol.anthropic;

import static io.qwengateway.protocol.anthropic.MessagesRequestTranslatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.ChatOutput;
import io.qwengateway.protocol.SseFrame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class MessagesStreamTranslatorTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String USAGE = """
            {'choices': [], 'usage': {'prompt_tokens': 100, 'completion_tokens': 7, 'total_tokens': 107,
              'prompt_tokens_details': {'cached_tokens': 60}}}""";

    private static MessagesStreamTranslator translator(String request) {
        MessagesCall call = new MessagesRequestTranslator().translate(json(request));
        return new MessagesStreamTranslator(JSON, call, "msg_t", 42);
    }

    private static List<JsonNode> events(MessagesStreamTranslator translator, String... chunks) {
        List<SseFrame> frames = new ArrayList<>(translator.start());
        for (String chunk : chunks) {
            frames.addAll(translator.chunk(json(chunk)));
        }
        if (!translator.finished()) {
            frames.addAll(translator.complete());
        }
        return parsed(frames);
    }

    private static List<JsonNode> parsed(List<SseFrame> frames) {
        List<JsonNode> events = new ArrayList<>();
        for (SseFrame frame : frames) {
            JsonNode event = JSON.readTree(frame.data());
            assertThat(frame.event()).isEqualTo(event.path("type").asString());
            events.add(event);
        }
        return events;
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(event -> event.path("type").asString()).toList();
    }

    private static String delta(String field, String text) {
        return "{'choices': [{'index': 0, 'delta': {'" + field + "': '" + text + "'}}]}";
    }

    private static String finish(String reason) {
        return "{'choices': [{'index': 0, 'delta': {}, 'finish_reason': '" + reason + "'}]}";
    }

    private static final String REQUEST = "{'model': 'claude-sonnet-4-5', 'max_tokens': 100, 'messages': [], 'stream': true}";

    @Test
    void aTextAnswerIsAnthropicsEventSequence() {
        List<JsonNode> events = events(translator(REQUEST), delta("content", "Hel"), delta("content", "lo"),
                finish("stop"), USAGE);

        assertThat(types(events)).containsExactly("message_start", "ping", "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        JsonNode start = events.get(0).path("message");
        assertThat(start.path("id").asString()).isEqualTo("msg_t");
        assertThat(start.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(start.path("content")).isEmpty();
        assertThat(start.path("usage").path("input_tokens").asInt()).isEqualTo(42);
        assertThat(events.get(2).path("content_block")).isEqualTo(json("{'type': 'text', 'text': ''}"));
        assertThat(events.get(3).path("delta")).isEqualTo(json("{'type': 'text_delta', 'text': 'Hel'}"));
        JsonNode messageDelta = events.get(6);
        assertThat(messageDelta.path("delta").path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(messageDelta.path("delta").path("stop_sequence").isNull()).isTrue();
        assertThat(JSON.readTree(messageDelta.path("usage").toString())).isEqualTo(json("""
                {'input_tokens': 40, 'cache_creation_input_tokens': 0, 'cache_read_input_tokens': 60, 'output_tokens': 7}"""));
    }

    @Test
    void thinkingIsAThinkingBlockClosedWithASignature() {
        List<JsonNode> events = events(translator(REQUEST), delta("reasoning_content", "Hmm"), delta("content", "A"),
                finish("stop"));

        assertThat(types(events)).containsSubsequence("content_block_start", "content_block_delta",
                "content_block_delta", "content_block_stop", "content_block_start");
        assertThat(events.get(2).path("content_block").path("type").asString()).isEqualTo("thinking");
        assertThat(events.get(3).path("delta")).isEqualTo(json("{'type': 'thinking_delta', 'thinking': 'Hmm'}"));
        assertThat(events.get(4).path("delta").path("type").asString()).isEqualTo("signature_delta");
        assertThat(events.get(4).path("delta").path("signature").asString()).isNotEmpty();
        assertThat(events.get(6).path("index").asInt()).isEqualTo(1);
    }

    @Test
    void toolCallsAreToolUseBlocksWithInputJsonDeltas() {
        List<JsonNode> events = events(translator(REQUEST),
                "{'choices': [{'index': 0, 'delta': {'tool_calls': [{'index': 0, 'id': 'call_abc', 'type': 'function', 'function': {'name': 'Bash', 'arguments': ''}}]}}]}",
                "{'choices': [{'index': 0, 'delta': {'tool_calls': [{'index': 0, 'function': {'arguments': '{\\'command\\': \\'ls\\'}'}}]}}]}",
                finish("tool_calls"));

        assertThat(events.get(2).path("content_block")).isEqualTo(json(
                "{'type': 'tool_use', 'id': 'toolu_abc', 'name': 'Bash', 'input': {}, 'caller': {'type': 'direct'}}"));
        assertThat(events.get(3).path("delta")).isEqualTo(json(
                "{'type': 'input_json_delta', 'partial_json': '{\\'command\\': \\'ls\\'}'}"));
        assertThat(events.get(5).path("delta").path("stop_reason").asString()).isEqualTo("tool_use");
    }

    @Test
    void aStopSequenceEndsTheAnswerAtOnceNamingTheSequence() {
        MessagesStreamTranslator translator = translator(
                "{'model': 'm', 'max_tokens': 100, 'messages': [], 'stream': true, 'stop_sequences': ['###']}");

        List<JsonNode> events = events(translator, delta("content", "Answer #"), delta("content", "## more"));

        assertThat(translator.finished()).isTrue();
        assertThat(types(events)).endsWith("content_block_stop", "message_delta", "message_stop");
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.path("delta").path("type").asString("").equals("text_delta"))
                .forEach(e -> text.append(e.path("delta").path("text").asString()));
        assertThat(text.toString()).isEqualTo("Answer ");
        JsonNode messageDelta = events.get(events.size() - 2);
        assertThat(messageDelta.path("delta").path("stop_reason").asString()).isEqualTo("stop_sequence");
        assertThat(messageDelta.path("delta").path("stop_sequence").asString()).isEqualTo("###");
    }

    @Test
    void aLengthCutOffIsMaxTokens() {
        List<JsonNode> events = events(translator(REQUEST), delta("content", "Half"), finish("length"));

        assertThat(events.get(events.size() - 2).path("delta").path("stop_reason").asString()).isEqualTo("max_tokens");
    }

    @Test
    void aFailureIsAnErrorEventWithAnthropicsBody() {
        MessagesStreamTranslator translator = translator(REQUEST);
        translator.start();

        List<JsonNode> events = parsed(translator.fail(new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                "rate_limit_error", "rate_limit_exceeded", "Slow down.")));

        assertThat(events).containsExactly(json(
                "{'type': 'error', 'error': {'type': 'rate_limit_error', 'message': 'Slow down.'}}"));
    }

    @Test
    void heartbeatsArePingEvents() {
        assertThat(translator(REQUEST).heartbeat()).isEqualTo("event: ping\ndata: {\"type\":\"ping\"}\n\n");
    }

    @Test
    void aJsonCompletionIsTheSameMessage() {
        MessagesCall call = new MessagesRequestTranslator().translate(json(REQUEST));
        MessageAssembler assembler = new MessageAssembler("msg_j", "claude-sonnet-4-5", 42,
                new StopSequences(call.stopSequences()), MessageAssembler.Events.NONE);
        ChatOutput.ofCompletion(json("""
                {'choices': [{'index': 0, 'finish_reason': 'tool_calls', 'message': {'role': 'assistant',
                  'reasoning_content': 'R', 'content': 'T',
                  'tool_calls': [{'id': 'call_1', 'type': 'function', 'function': {'name': 'f', 'arguments': '{\\'a\\': 1}'}}]}}],
                 'usage': {'prompt_tokens': 5, 'completion_tokens': 3, 'total_tokens': 8}}"""), assembler);

        ObjectNode message = assembler.complete();

        assertThat(message.path("type").asString()).isEqualTo("message");
        assertThat(message.path("stop_reason").asString()).isEqualTo("tool_use");
        JsonNode content = message.path("content");
        assertThat(content.get(0).path("type").asString()).isEqualTo("thinking");
        assertThat(content.get(0).path("thinking").asString()).isEqualTo("R");
        assertThat(content.get(1)).isEqualTo(json("{'type': 'text', 'text': 'T', 'citations': null}"));
        assertThat(JSON.readTree(content.get(2).toString())).isEqualTo(json(
                "{'type': 'tool_use', 'id': 'toolu_1', 'name': 'f', 'input': {'a': 1}, 'caller': {'type': 'direct'}}"));
        assertThat(message.path("usage").path("input_tokens").asInt()).isEqualTo(5);
        assertThat(message.path("usage").path("output_tokens").asInt()).isEqualTo(3);
    }
}
