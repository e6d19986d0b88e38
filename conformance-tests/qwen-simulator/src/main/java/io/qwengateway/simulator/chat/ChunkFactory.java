package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.chat.ChatReply.ToolCall;
import io.qwengateway.simulator.chat.ChatReply.Usage;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code chat.completion.chunk} objects of one stream. Shape as DashScope sends it: every choice has
 * {@code logprobs:null} and {@code finish_reason}, and {@code "usage":null} appears only when the client asked for
 * usage, as on OpenAI (naive clients break on keys they did not ask for).
 */
final class ChunkFactory {

    private final ReplyIdentity identity;
    private final boolean includeUsage;

    ChunkFactory(ReplyIdentity identity, boolean includeUsage) {
        this.identity = identity;
        this.includeUsage = includeUsage;
    }

    /** The opening chunk of every stream. */
    ObjectNode role() {
        return chunk(Json.object().put("role", "assistant").put("content", ""), null);
    }

    ObjectNode reasoning(String text) {
        return chunk(Json.object().put("reasoning_content", text), null);
    }

    ObjectNode content(String text) {
        return chunk(Json.object().put("content", text), null);
    }

    /** The first delta of a tool call: id, type, name, and empty arguments. */
    ObjectNode toolCallStart(int index, ToolCall call) {
        ObjectNode toolCall = Json.object().put("index", index).put("id", call.id()).put("type", "function");
        toolCall.putObject("function").put("name", call.name()).put("arguments", "");
        return toolCallChunk(toolCall);
    }

    /** A later delta of a tool call: normally only arguments; {@code repeatedName} non-null repeats type and name. */
    ObjectNode toolCallArguments(int index, String fragment, String repeatedName) {
        ObjectNode toolCall = Json.object().put("index", index);
        ObjectNode function = Json.object();
        if (repeatedName != null) {
            toolCall.put("type", "function");
            function.put("name", repeatedName);
        }
        function.put("arguments", fragment);
        toolCall.set("function", function);
        return toolCallChunk(toolCall);
    }

    private ObjectNode toolCallChunk(ObjectNode toolCall) {
        ObjectNode delta = Json.object();
        delta.putArray("tool_calls").add(toolCall);
        return chunk(delta, null);
    }

    /** The closing chunk: an empty delta and the finish reason. */
    ObjectNode finish(String finishReason) {
        return chunk(Json.object(), finishReason);
    }

    /** Throttling reported inside a 200 stream: the error JSON as content, finish_reason "error_finish". */
    ObjectNode errorFinish(String errorJson) {
        return chunk(Json.object().put("content", errorJson), "error_finish");
    }

    /** The extra last chunk of {@code include_usage} streams: no choices, the totals. */
    ObjectNode usage(Usage usage) {
        ObjectNode chunk = envelope();
        chunk.putArray("choices");
        chunk.set("usage", UsageJson.of(usage, true));
        return chunk;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode choice = Json.object();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        ObjectNode chunk = envelope();
        chunk.putArray("choices").add(choice);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode envelope() {
        ObjectNode chunk = Json.object();
        chunk.put("id", identity.id());
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", identity.created());
        chunk.put("model", identity.model());
        chunk.putNull("system_fingerprint");
        return chunk;
    }
}
