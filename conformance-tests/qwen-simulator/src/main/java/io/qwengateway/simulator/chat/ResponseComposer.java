package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.chat.ChatReply.ToolCall;
import io.qwengateway.simulator.chat.ChatReply.Usage;
import io.qwengateway.simulator.support.Json;
import io.qwengateway.simulator.support.RandomIds;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * Decides what the simulated assistant says. Everything is derived from the request, so a test knows the answer in
 * advance: an echo of the user's words, a tool call when tools are offered, JSON when JSON is asked for.
 */
final class ResponseComposer {

    static final String GREETING = "Hello from the Qwen simulator. You said: ";
    static final String TOOL_RESULT = "Tool result received: ";
    static final String THINKING = "Thinking about: ";
    static final String TRUNCATED_ARGUMENTS = "{\"path\":\"src/ma";

    private static final int ECHO_LIMIT = 200;

    ChatReply compose(ChatRequest request, ChatBehaviour behaviour) {
        return switch (behaviour.kind()) {
            case TOOL_CALL_QUIRKS -> reply(request, null, "", quirkyToolCalls(request), "stop");
            case TRUNCATED_TOOL_CALL -> reply(request, null, "", List.of(truncatedToolCall(request)), "tool_calls");
            case REASONING -> normalReply(request, true);
            case CALL_TOOL -> reply(request, null, "", List.of(new ToolCall(callId(), behaviour.toolName(),
                    behaviour.body())), "tool_calls");
            case ANSWER_WITHOUT_TOOLS -> reply(request, null, answerText(request), List.of(), "stop");
            default -> normalReply(request, request.wantsThinking());
        };
    }

    private ChatReply normalReply(ChatRequest request, boolean thinking) {
        String reasoning = thinking ? THINKING + echo(MessageText.of(request.lastUserMessage())) : null;
        if (request.lastRole().equals("tool")) {
            return reply(request, reasoning, TOOL_RESULT + echo(MessageText.of(request.lastMessage())), List.of(),
                    "stop");
        }
        Optional<JsonNode> function = request.chosenFunction();
        if (function.isPresent() && request.lastRole().equals("user")) {
            return reply(request, reasoning, "", List.of(callTo(function.get())), "tool_calls");
        }
        return reply(request, reasoning, answerText(request), List.of(), "stop");
    }

    private static String answerText(ChatRequest request) {
        JsonNode userMessage = request.lastUserMessage();
        String said = GREETING + echo(MessageText.of(userMessage)) + imageNote(MessageText.imageCount(userMessage));
        return switch (request.responseFormatType()) {
            case "json_object" -> Json.compact(Json.object().put("message", said));
            case "json_schema" -> Json.compact(SchemaSampler.requiredProperties(request.responseSchema()));
            default -> said;
        };
    }

    /** Two calls: the first offered function and the second (or the first again), or file tools if none. */
    private static List<ToolCall> quirkyToolCalls(ChatRequest request) {
        List<JsonNode> functions = request.functions();
        if (functions.isEmpty()) {
            return List.of(new ToolCall(callId(), "read_file", "{\"path\":\"README.md\"}"),
                    new ToolCall(callId(), "list_directory", "{\"path\":\"src\"}"));
        }
        JsonNode first = functions.get(0);
        JsonNode second = functions.size() > 1 ? functions.get(1) : first;
        return List.of(callTo(first), callTo(second));
    }

    private static ToolCall truncatedToolCall(ChatRequest request) {
        String name = request.functions().stream().findFirst()
                .map(function -> Json.text(function.get("name")))
                .orElse("read_file");
        return new ToolCall(callId(), name, TRUNCATED_ARGUMENTS);
    }

    /** A call with every required parameter filled in. */
    private static ToolCall callTo(JsonNode function) {
        ObjectNode arguments = SchemaSampler.requiredProperties(function.path("parameters"));
        return new ToolCall(callId(), Json.text(function.get("name")), Json.compact(arguments));
    }

    private static String callId() {
        return "call_" + RandomIds.hex(12);
    }

    private static ChatReply reply(ChatRequest request, String reasoning, String content, List<ToolCall> toolCalls,
                                   String finishReason) {
        Usage usage = usage(request, reasoning, content, toolCalls);
        return new ChatReply(reasoning, content, toolCalls, finishReason, usage);
    }

    private static Usage usage(ChatRequest request, String reasoning, String content, List<ToolCall> toolCalls) {
        int promptTokens = 0;
        for (JsonNode message : request.messages()) {
            promptTokens += TokenEstimate.of(MessageText.of(message));
        }
        int completionTokens = TokenEstimate.of(reasoning) + TokenEstimate.of(content);
        for (ToolCall call : toolCalls) {
            completionTokens += TokenEstimate.of(call.name()) + TokenEstimate.of(call.arguments());
        }
        return new Usage(promptTokens, completionTokens, cachedTokens(request));
    }

    /**
     * A system prompt marked with {@code cache_control} (as the qwen-code CLI marks it) counts as served from the
     * prompt cache; anything else is uncached. Deterministic, and non-zero where a gateway should pass it through.
     */
    private static int cachedTokens(ChatRequest request) {
        JsonNode first = request.messages().get(0);
        boolean cachedSystemPrompt = Json.text(first.get("role")).equals("system") && MessageText.isCacheMarked(first);
        return cachedSystemPrompt ? TokenEstimate.of(MessageText.of(first)) : 0;
    }

    private static String echo(String text) {
        return MessageText.truncate(text, ECHO_LIMIT);
    }

    private static String imageNote(int images) {
        if (images == 0) {
            return "";
        }
        return images == 1 ? " [1 image]" : " [" + images + " images]";
    }
}
