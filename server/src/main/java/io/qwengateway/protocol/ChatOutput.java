package io.qwengateway.protocol;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the model produced, read from an upstream chat chunk or a whole completion, for protocols that rebuild the
 * answer in their own shape (Responses, Messages): the first choice only (those protocols have one output), its
 * reasoning, text and tool-call fragments, its finish reason, and the usage.
 */
public final class ChatOutput {

    /** Receives the parts in the order they appear in the chunk. */
    public interface Sink {
        void reasoning(String delta);

        void text(String delta);

        /** A tool-call fragment: the first of each call carries its id and name, later ones argument text. */
        void toolCall(int index, String callId, String name, String argumentsDelta);

        void finishReason(String reason);

        void usage(JsonNode chatUsage);
    }

    private ChatOutput() {
    }

    /** A repaired stream chunk. */
    public static void ofChunk(ObjectNode chunk, Sink sink) {
        JsonNode choice = chunk.path("choices").path(0);
        message(choice.path("delta"), sink);
        finishAndUsage(chunk, choice, sink);
    }

    /** A whole {@code chat.completion}: its first choice's message at once. */
    public static void ofCompletion(JsonNode completion, Sink sink) {
        JsonNode choice = completion.path("choices").path(0);
        message(choice.path("message"), sink);
        finishAndUsage(completion, choice, sink);
    }

    private static void message(JsonNode message, Sink sink) {
        String reasoning = message.path("reasoning_content").asString(null);
        if (reasoning != null && !reasoning.isEmpty()) {
            sink.reasoning(reasoning);
        }
        String text = message.path("content").asString(null);
        if (text != null && !text.isEmpty()) {
            sink.text(text);
        }
        JsonNode calls = message.path("tool_calls");
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            JsonNode function = call.path("function");
            sink.toolCall(call.path("index").asInt(i), call.path("id").asString(null),
                    function.path("name").asString(null), function.path("arguments").asString(null));
        }
    }

    private static void finishAndUsage(JsonNode root, JsonNode choice, Sink sink) {
        JsonNode finish = choice.path("finish_reason");
        if (finish.isString()) {
            sink.finishReason(finish.asString());
        }
        JsonNode usage = root.get("usage");
        if (usage != null && usage.isObject()) {
            sink.usage(usage);
        }
    }
}
