package io.qwengateway.protocol.anthropic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qwengateway.protocol.ChatOutput;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds an Anthropic {@code message} from what the model produced and reports each step as the Messages API's
 * stream events ({@code content_block_start}, {@code content_block_delta}, {@code content_block_stop},
 * {@code message_delta}, {@code message_stop}). The stream translator feeds it delta by delta; a JSON answer is fed
 * once, with its events discarded: one place decides the content blocks for both paths.
 *
 * <p>Blocks are sequential, as Anthropic's are: a change of kind (thinking, text, a tool call) closes the open block.
 * Tool-call fragments for a call whose block is already closed (Qwen interleaving parallel calls, which it does not
 * normally do) still reach the final message, but cannot be streamed into a closed block.
 */
final class MessageAssembler implements ChatOutput.Sink {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Receives each event: its type and its fields (the sink adds {@code type}). */
    interface Events {
        void emit(String type, ObjectNode fields);

        Events NONE = (type, fields) -> {
        };
    }

    private final ObjectNode message = NODES.objectNode();
    private final ArrayNode content;
    private final StopSequences stops;
    private final Events events;
    private final long estimatedInputTokens;
    private final List<Block> blocks = new ArrayList<>();
    private final Map<Integer, ToolBlock> tools = new LinkedHashMap<>();
    private Block open;
    private String finishReason;
    private JsonNode usage;
    private boolean completed;

    MessageAssembler(String id, String model, long estimatedInputTokens, StopSequences stops, Events events) {
        this.stops = stops;
        this.events = events;
        this.estimatedInputTokens = estimatedInputTokens;
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        content = message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        ObjectNode startUsage = message.putObject("usage");
        startUsage.put("input_tokens", estimatedInputTokens);
        startUsage.put("cache_creation_input_tokens", 0);
        startUsage.put("cache_read_input_tokens", 0);
        startUsage.put("output_tokens", 0);
    }

    void start() {
        ObjectNode fields = NODES.objectNode();
        fields.set("message", message.deepCopy());
        events.emit("message_start", fields);
        events.emit("ping", NODES.objectNode());
    }

    /** A stop sequence matched: the answer is over, whatever the upstream still sends. */
    boolean stopped() {
        return stops.matched() != null;
    }

    @Override
    public void reasoning(String delta) {
        if (stopped()) {
            return;
        }
        if (!(open instanceof ThinkingBlock)) {
            openBlock(new ThinkingBlock());
        }
        ((ThinkingBlock) open).text.append(delta);
        ObjectNode change = NODES.objectNode().put("type", "thinking_delta").put("thinking", delta);
        emitDelta(change);
    }

    @Override
    public void text(String delta) {
        String ready = stops.feed(delta);
        if (!ready.isEmpty()) {
            appendText(ready);
        }
    }

    private void appendText(String text) {
        if (!(open instanceof TextBlock)) {
            openBlock(new TextBlock());
        }
        ((TextBlock) open).text.append(text);
        emitDelta(NODES.objectNode().put("type", "text_delta").put("text", text));
    }

    @Override
    public void toolCall(int index, String callId, String name, String argumentsDelta) {
        if (stopped()) {
            return;
        }
        ToolBlock tool = tools.get(index);
        if (tool == null) {
            tool = new ToolBlock(toolUseId(callId), name);
            tools.put(index, tool);
            openBlock(tool);
        }
        if (argumentsDelta == null || argumentsDelta.isEmpty()) {
            return;
        }
        tool.arguments.append(argumentsDelta);
        if (open == tool) {
            emitDelta(NODES.objectNode().put("type", "input_json_delta").put("partial_json", argumentsDelta));
        }
    }

    @Override
    public void finishReason(String reason) {
        this.finishReason = reason;
    }

    @Override
    public void usage(JsonNode chatUsage) {
        this.usage = chatUsage;
    }

    /** The answer is over: closes the open block, reports the stop reason and usage; returns the message. */
    ObjectNode complete() {
        if (completed) {
            return message;
        }
        completed = true;
        String held = stops.matched() == null ? stops.flush() : "";
        if (!held.isEmpty()) {
            appendText(held);
        }
        closeBlock();
        // Taken at the end, so that late fragments of a closed tool call count too.
        blocks.forEach(block -> content.add(block.finished()));
        String stopReason = stopReason();
        message.put("stop_reason", stopReason);
        if (stops.matched() != null) {
            message.put("stop_sequence", stops.matched());
        }
        ObjectNode finalUsage = usage();
        message.set("usage", finalUsage);
        ObjectNode delta = NODES.objectNode();
        ObjectNode change = delta.putObject("delta");
        change.put("stop_reason", stopReason);
        change.set("stop_sequence", message.get("stop_sequence"));
        delta.set("usage", finalUsage.deepCopy());
        events.emit("message_delta", delta);
        events.emit("message_stop", NODES.objectNode());
        return message;
    }

    private String stopReason() {
        if (stops.matched() != null) {
            return "stop_sequence";
        }
        return switch (finishReason == null ? "" : finishReason) {
            case "length" -> "max_tokens";
            case "content_filter" -> "refusal";
            case "tool_calls" -> "tool_use";
            default -> tools.isEmpty() ? "end_turn" : "tool_use";
        };
    }

    /** Anthropic counts cache reads apart from {@code input_tokens}; Qwen's {@code prompt_tokens} include them. */
    private ObjectNode usage() {
        ObjectNode anthropic = NODES.objectNode();
        if (usage == null) {
            anthropic.put("input_tokens", estimatedInputTokens);
            anthropic.put("cache_creation_input_tokens", 0);
            anthropic.put("cache_read_input_tokens", 0);
            anthropic.put("output_tokens", 0);
            return anthropic;
        }
        JsonNode details = usage.path("prompt_tokens_details");
        long cached = details.path("cached_tokens").asLong(usage.path("cached_tokens").asLong(0));
        long created = details.path("cache_creation_input_tokens").asLong(0);
        anthropic.put("input_tokens", Math.max(0, usage.path("prompt_tokens").asLong(0) - cached - created));
        anthropic.put("cache_creation_input_tokens", created);
        anthropic.put("cache_read_input_tokens", cached);
        anthropic.put("output_tokens", usage.path("completion_tokens").asLong(0));
        return anthropic;
    }

    private void openBlock(Block block) {
        closeBlock();
        block.index = blocks.size();
        blocks.add(block);
        open = block;
        ObjectNode fields = NODES.objectNode();
        fields.put("index", block.index);
        fields.set("content_block", block.started());
        events.emit("content_block_start", fields);
    }

    private void closeBlock() {
        if (open == null) {
            return;
        }
        if (open instanceof ThinkingBlock thinking) {
            emitDelta(NODES.objectNode().put("type", "signature_delta").put("signature", thinking.signature()));
        }
        events.emit("content_block_stop", NODES.objectNode().put("index", open.index));
        open = null;
    }

    private void emitDelta(ObjectNode delta) {
        ObjectNode fields = NODES.objectNode();
        fields.put("index", open.index);
        fields.set("delta", delta);
        events.emit("content_block_delta", fields);
    }

    /** Qwen's tool-call ids ({@code call_...}) in Anthropic's shape; they come back as {@code tool_use_id}. */
    private static String toolUseId(String callId) {
        if (callId == null || callId.isEmpty()) {
            return "toolu_" + java.util.UUID.randomUUID().toString().replace("-", "");
        }
        return callId.startsWith("toolu_") ? callId : "toolu_" + (callId.startsWith("call_") ? callId.substring(5) : callId);
    }

    private abstract class Block {
        int index;

        abstract ObjectNode started();

        abstract ObjectNode finished();
    }

    private final class ThinkingBlock extends Block {
        final StringBuilder text = new StringBuilder();

        @Override
        ObjectNode started() {
            return NODES.objectNode().put("type", "thinking").put("thinking", "").put("signature", "");
        }

        @Override
        ObjectNode finished() {
            return NODES.objectNode().put("type", "thinking").put("thinking", text.toString())
                    .put("signature", signature());
        }

        /**
         * Anthropic signs thinking so that it can check it comes back unaltered; Qwen has no such check, so the
         * gateway's signature is a digest of the text, which the gateway ignores when the block comes back.
         */
        String signature() {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
    }

    private final class TextBlock extends Block {
        final StringBuilder text = new StringBuilder();

        @Override
        ObjectNode started() {
            return NODES.objectNode().put("type", "text").put("text", "");
        }

        /** {@code citations} is a required (nullable) field of the SDKs' text block: null, as Anthropic sends it. */
        @Override
        ObjectNode finished() {
            return NODES.objectNode().put("type", "text").put("text", text.toString()).putNull("citations");
        }
    }

    private final class ToolBlock extends Block {
        final String id;
        final String name;
        final StringBuilder arguments = new StringBuilder();

        ToolBlock(String id, String name) {
            this.id = id;
            this.name = name;
        }

        /**
         * {@code caller} is required by the SDKs' tool_use block (anthropic-java's {@code caller()} throws without
         * it): the model called the tool itself, {@code direct}.
         */
        @Override
        ObjectNode started() {
            ObjectNode block = NODES.objectNode().put("type", "tool_use").put("id", id).put("name", name);
            block.putObject("input");
            block.putObject("caller").put("type", "direct");
            return block;
        }

        @Override
        ObjectNode finished() {
            ObjectNode block = started();
            block.set("input", parsedInput());
            return block;
        }

        /** The argument JSON as an object; cut-off arguments (a max_tokens stop) give what could be parsed: none. */
        private JsonNode parsedInput() {
            String text = arguments.toString().trim();
            if (text.isEmpty()) {
                return NODES.objectNode();
            }
            try {
                JsonNode parsed = JSON.readTree(text);
                return parsed != null && parsed.isObject() ? parsed : NODES.objectNode();
            } catch (JacksonException e) {
                return NODES.objectNode();
            }
        }
    }
}
