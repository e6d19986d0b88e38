package io.qwengateway.conformance.clients;

import static io.qwengateway.conformance.clients.ScenarioInputs.CLAUDE_MODEL;
import static io.qwengateway.conformance.clients.ScenarioInputs.MAX_TOKENS;
import static io.qwengateway.conformance.clients.ScenarioInputs.PROMPT;
import static io.qwengateway.conformance.clients.ScenarioInputs.STOP_SEQUENCE;
import static io.qwengateway.conformance.clients.ScenarioInputs.THINKING_BUDGET;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_QUESTION;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_RESULT;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_TOOL;
import static io.qwengateway.conformance.clients.ScenarioInputs.WEATHER_TOOL_DESCRIPTION;

import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;

/**
 * The Messages scenarios' requests written with anthropic-java, shared by its recorder driver and its live tests.
 * Inputs as in {@link ScenarioInputs}, and in {@code src/test/anthropic-node/scenarios.mjs} for the TypeScript SDK.
 */
public final class AnthropicJavaRequests {

    private AnthropicJavaRequests() {
    }

    /**
     * The SDK as an application sets it up against the gateway: base URL without {@code /v1}, the key as
     * {@code x-api-key}. Every answer must parse into the SDK's models ({@code responseValidation}); retries are off
     * so that tests count Qwen calls and every failure shows.
     */
    public static AnthropicClient client(String baseUrl, String apiKey) {
        return AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey(apiKey).maxRetries(0)
                .responseValidation(true).build();
    }

    public static MessageCreateParams text() {
        return MessageCreateParams.builder().model(CLAUDE_MODEL).maxTokens(MAX_TOKENS).addUserMessage(PROMPT).build();
    }

    public static MessageCreateParams weatherQuestion() {
        return MessageCreateParams.builder().model(CLAUDE_MODEL).maxTokens(MAX_TOKENS).addTool(weatherTool())
                .addUserMessage(WEATHER_QUESTION).build();
    }

    /** The conversation of {@link #weatherQuestion()}, the model's {@code tool_use}, and its {@code tool_result}. */
    public static MessageCreateParams weatherResult(Message call) {
        ToolUseBlock toolUse = onlyToolUse(call);
        return weatherQuestion().toBuilder().addMessage(call.toParam())
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam
                        .builder().toolUseId(toolUse.id()).content(WEATHER_RESULT).build())))
                .build();
    }

    public static MessageCreateParams thinking() {
        return text().toBuilder().enabledThinking(THINKING_BUDGET).build();
    }

    public static MessageCreateParams stopSequence() {
        return text().toBuilder().addStopSequence(STOP_SEQUENCE).build();
    }

    public static MessageCountTokensParams countTokens() {
        return MessageCountTokensParams.builder().model(CLAUDE_MODEL).addUserMessage(PROMPT).build();
    }

    public static Tool weatherTool() {
        return Tool.builder().name(WEATHER_TOOL).description(WEATHER_TOOL_DESCRIPTION)
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .addRequired("city").build())
                .build();
    }

    /** The SDK's own folding of a stream: every event through {@link MessageAccumulator}. */
    public static Message accumulate(AnthropicClient client, MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    public static ToolUseBlock onlyToolUse(Message message) {
        List<ToolUseBlock> calls = message.content().stream().filter(ContentBlock::isToolUse)
                .map(ContentBlock::asToolUse).toList();
        if (calls.size() != 1) {
            throw new IllegalStateException("expected one tool_use in " + message.content());
        }
        return calls.get(0);
    }

    /** The text blocks' text, joined. */
    public static String text(Message message) {
        return message.content().stream().filter(ContentBlock::isText).map(block -> block.asText().text())
                .reduce("", String::concat);
    }
}
