package io.qwengateway.protocol.anthropic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.LeftOutTools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an Anthropic Messages request into the Chat Completions request Qwen understands (docs/anthropic.md lists
 * every mapping): {@code system} (and {@code system} entries inside {@code messages}) becomes one leading system
 * message, content blocks become chat parts, {@code tool_use} / {@code tool_result} become tool calls and tool
 * messages, {@code thinking} becomes Qwen's thinking switches. Fields the Messages API does not define go upstream
 * unchanged; Messages fields with no upstream meaning ({@code context_management}, ...) stay behind.
 */
public class MessagesRequestTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TRANSLATED = Set.of("model", "max_tokens", "system", "messages", "tools",
            "tool_choice", "stop_sequences", "stream", "metadata", "thinking", "output_config", "context_management",
            "service_tier", "container", "mcp_servers", "anthropic_beta", "anthropic_version");
    private static final Set<String> PASSED = Set.of("temperature", "top_p", "top_k");
    /** Claude Code's first system block: a per-request billing line that would defeat Qwen's prefix cache. */
    private static final String BILLING_HEADER = "x-anthropic-billing-header:";

    /** @throws ApiException 400 with {@code param} for what cannot be sent upstream */
    public MessagesCall translate(ObjectNode body) {
        JsonNode maxTokens = body.get("max_tokens");
        if (maxTokens == null || maxTokens.isNull()) {
            throw ApiException.invalidRequest("max_tokens: Field required", "max_tokens");
        }
        if (!maxTokens.isIntegralNumber()) {
            throw ApiException.invalidRequest("max_tokens: Input should be a valid integer", "max_tokens");
        }
        JsonNode messages = body.get("messages");
        if (!(messages instanceof ArrayNode list)) {
            throw ApiException.invalidRequest("messages: Field required (a list of messages)", "messages");
        }
        ObjectNode chat = NODES.objectNode();
        chat.set("model", body.get("model"));
        ChatMessages conversation = new ChatMessages();
        conversation.system(body.get("system"));
        for (int i = 0; i < list.size(); i++) {
            conversation.add(list.get(i), "messages." + i);
        }
        chat.set("messages", conversation.messages());
        chat.set("max_tokens", maxTokens);
        ArrayNode tools = chatTools(body.get("tools"));
        if (tools != null) {
            chat.set("tools", tools);
        }
        toolChoice(body.get("tool_choice"), chat);
        thinking(body, chat);
        outputFormat(body.path("output_config").get("format"), chat);
        JsonNode userId = body.path("metadata").get("user_id");
        if (userId != null && userId.isString()) {
            chat.set("user", userId);
        }
        boolean streaming = body.path("stream").asBoolean(false);
        if (streaming) {
            chat.put("stream", true);
            chat.putObject("stream_options").put("include_usage", true);
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (PASSED.contains(field.getKey()) || !TRANSLATED.contains(field.getKey())) {
                chat.set(field.getKey(), field.getValue());
            }
        }
        return new MessagesCall(body, chat, stopSequences(body.get("stop_sequences")), streaming);
    }

    private static List<String> stopSequences(JsonNode sequences) {
        List<String> list = new ArrayList<>();
        if (sequences == null || sequences.isNull()) {
            return list;
        }
        if (!sequences.isArray()) {
            throw ApiException.invalidRequest("stop_sequences: Input should be a valid list", "stop_sequences");
        }
        for (JsonNode sequence : sequences) {
            if (!sequence.isString()) {
                throw ApiException.invalidRequest("stop_sequences: every entry must be a string", "stop_sequences");
            }
            if (!sequence.asString().isEmpty()) {
                list.add(sequence.asString());
            }
        }
        return list;
    }

    private static ArrayNode chatTools(JsonNode tools) {
        if (tools == null || tools.isNull()) {
            return null;
        }
        if (!tools.isArray()) {
            throw ApiException.invalidRequest("tools: Input should be a valid list", "tools");
        }
        ArrayNode chat = NODES.arrayNode();
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            String type = tool.path("type").asString("custom");
            if (!type.equals("custom")) {
                LeftOutTools.leftOut("Messages", type); // web_search_20250305, bash_20250124, code_execution...
                continue;
            }
            JsonNode name = tool.get("name");
            if (name == null || !name.isString() || name.asString().isEmpty()) {
                throw ApiException.invalidRequest("tools." + i + ".name: Field required", "tools." + i + ".name");
            }
            ObjectNode function = NODES.objectNode();
            function.set("name", name);
            if (tool.path("description").isString()) {
                function.set("description", tool.get("description"));
            }
            function.set("parameters", tool.has("input_schema") ? tool.get("input_schema")
                    : NODES.objectNode().put("type", "object"));
            ObjectNode chatTool = chat.addObject();
            chatTool.put("type", "function");
            chatTool.set("function", function);
            if (tool.has("cache_control")) {
                chatTool.set("cache_control", tool.get("cache_control"));
            }
        }
        return chat;
    }

    private static void toolChoice(JsonNode choice, ObjectNode chat) {
        if (choice == null || choice.isNull()) {
            return;
        }
        switch (choice.path("type").asString("")) {
            case "auto" -> chat.put("tool_choice", "auto");
            case "any" -> chat.put("tool_choice", "required");
            case "none" -> chat.put("tool_choice", "none");
            case "tool" -> {
                ObjectNode named = chat.putObject("tool_choice");
                named.put("type", "function");
                named.putObject("function").put("name", choice.path("name").asString(""));
            }
            default -> throw ApiException.invalidRequest("tool_choice.type: Input should be 'auto', 'any', 'tool' "
                    + "or 'none'", "tool_choice.type");
        }
        if (choice.path("disable_parallel_tool_use").asBoolean(false)) {
            chat.put("parallel_tool_calls", false);
        }
    }

    /**
     * {@code thinking} and {@code output_config.effort} in Qwen's terms: {@code enabled} with its budget,
     * {@code adaptive} as thinking on (with the effort's budget, if an effort is given), {@code disabled} as off.
     */
    private static void thinking(ObjectNode body, ObjectNode chat) {
        JsonNode effort = body.path("output_config").get("effort");
        if (effort != null && effort.isString()) {
            chat.put("reasoning_effort", effort.asString().equals("max") ? "high" : effort.asString());
        }
        JsonNode thinking = body.get("thinking");
        if (thinking == null || thinking.isNull()) {
            return;
        }
        switch (thinking.path("type").asString("")) {
            case "enabled" -> {
                chat.put("enable_thinking", true);
                if (thinking.path("budget_tokens").isIntegralNumber()) {
                    chat.set("thinking_budget", thinking.get("budget_tokens"));
                }
            }
            case "adaptive" -> chat.put("enable_thinking", true);
            case "disabled" -> chat.put("enable_thinking", false);
            default -> throw ApiException.invalidRequest("thinking.type: Input should be 'enabled', 'adaptive' or "
                    + "'disabled'", "thinking.type");
        }
    }

    /**
     * Structured outputs ({@code output_config.format} of type {@code json_schema}, which anthropic-java's
     * {@code outputConfig(Class)} and Claude Code's session titles send) as the chat API's {@code response_format}:
     * without it Qwen answers in prose and the client's JSON parse fails. Other format types (none exist yet) stay
     * behind, as unknown Messages fields do.
     */
    private static void outputFormat(JsonNode format, ObjectNode chat) {
        if (format == null || !"json_schema".equals(format.path("type").asString(""))) {
            return;
        }
        ObjectNode schema = chat.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        schema.put("name", "output"); // the chat API requires a name; Anthropic's format has none
        schema.set("schema", format.has("schema") ? format.get("schema") : NODES.objectNode().put("type", "object"));
        schema.put("strict", true);
    }

    /** The conversation as chat messages, built block by block. */
    private static final class ChatMessages {

        private final ArrayNode messages = NODES.arrayNode();
        private final ArrayNode system = NODES.arrayNode();

        void system(JsonNode value) {
            if (value == null || value.isNull()) {
                return;
            }
            if (value.isString()) {
                addSystemText(value.asString(), null);
                return;
            }
            if (!value.isArray()) {
                throw ApiException.invalidRequest("system: Input should be a string or a list of text blocks",
                        "system");
            }
            for (JsonNode block : value) {
                String text = block.path("text").asString("");
                if (!text.startsWith(BILLING_HEADER)) {
                    addSystemText(text, block.get("cache_control"));
                }
            }
        }

        private void addSystemText(String text, JsonNode cacheControl) {
            if (text.isEmpty()) {
                return;
            }
            ObjectNode part = system.addObject();
            part.put("type", "text");
            part.put("text", (system.size() > 1 ? "\n\n" : "") + text);
            if (cacheControl != null && !cacheControl.isNull()) {
                part.set("cache_control", cacheControl);
            }
        }

        void add(JsonNode message, String at) {
            if (!(message instanceof ObjectNode)) {
                throw ApiException.invalidRequest(at + ": Input should be an object", at);
            }
            String role = message.path("role").asString("");
            JsonNode content = message.get("content");
            if (content == null || content.isNull()) {
                throw ApiException.invalidRequest(at + ".content: Field required", at + ".content");
            }
            switch (role) {
                case "system" -> system(content);
                case "user" -> user(content, at);
                case "assistant" -> assistant(content, at);
                default -> throw ApiException.invalidRequest(at + ".role: Input should be 'user' or 'assistant'",
                        at + ".role");
            }
        }

        ArrayNode messages() {
            if (!system.isEmpty()) {
                ObjectNode leading = messages.insertObject(0);
                leading.put("role", "system");
                boolean marked = false;
                StringBuilder text = new StringBuilder();
                for (JsonNode part : system) {
                    marked |= part.has("cache_control");
                    text.append(part.path("text").asString());
                }
                if (marked) {
                    leading.set("content", system);
                } else {
                    leading.put("content", text.toString());
                }
            }
            return messages;
        }

        /** Tool results become tool messages, in order; the other blocks one user message after them. */
        private void user(JsonNode content, String at) {
            if (content.isString()) {
                messages.addObject().put("role", "user").put("content", content.asString());
                return;
            }
            ArrayNode parts = NODES.arrayNode();
            ArrayNode resultImages = NODES.arrayNode();
            for (int i = 0; i < content.size(); i++) {
                JsonNode block = content.get(i);
                String where = at + ".content." + i;
                switch (block.path("type").asString("")) {
                    case "tool_result" -> toolResult(block, resultImages, where);
                    case "text" -> parts.add(textPart(block));
                    case "image" -> parts.add(imagePart(block, where));
                    case "document" -> parts.add(documentPart(block, where));
                    default -> {
                        // search results, server tool results and newer kinds: nothing Qwen could use
                    }
                }
            }
            parts.addAll(resultImages);
            if (!parts.isEmpty()) {
                ObjectNode user = messages.addObject();
                user.put("role", "user");
                user.set("content", parts);
            }
        }

        private void toolResult(JsonNode block, ArrayNode images, String at) {
            ObjectNode tool = messages.addObject();
            tool.put("role", "tool");
            tool.put("tool_call_id", block.path("tool_use_id").asString(""));
            JsonNode content = block.get("content");
            StringBuilder text = new StringBuilder();
            if (block.path("is_error").asBoolean(false)) {
                text.append("Error: ");
            }
            if (content != null && content.isString()) {
                text.append(content.asString());
            } else if (content != null && content.isArray()) {
                for (int i = 0; i < content.size(); i++) {
                    JsonNode part = content.get(i);
                    if ("image".equals(part.path("type").asString(null))) {
                        images.add(imagePart(part, at + ".content." + i));
                    } else {
                        text.append(part.path("text").asString(""));
                    }
                }
            }
            tool.put("content", text.toString());
        }

        private void assistant(JsonNode content, String at) {
            ObjectNode assistant = NODES.objectNode();
            assistant.put("role", "assistant");
            if (content.isString()) {
                assistant.put("content", content.asString());
                messages.add(assistant);
                return;
            }
            StringBuilder text = new StringBuilder();
            StringBuilder reasoning = new StringBuilder();
            ArrayNode calls = NODES.arrayNode();
            for (JsonNode block : content) {
                switch (block.path("type").asString("")) {
                    case "text" -> text.append(block.path("text").asString(""));
                    case "thinking" -> reasoning.append(block.path("thinking").asString(""));
                    case "tool_use" -> {
                        ObjectNode call = calls.addObject();
                        call.put("id", block.path("id").asString(""));
                        call.put("type", "function");
                        ObjectNode function = call.putObject("function");
                        function.put("name", block.path("name").asString(""));
                        JsonNode input = block.get("input");
                        function.put("arguments", input == null || input.isNull() ? "{}" : input.toString());
                    }
                    default -> {
                        // redacted_thinking (opaque to anyone but Anthropic), server tool blocks
                    }
                }
            }
            if (text.isEmpty() && !calls.isEmpty()) {
                assistant.putNull("content");
            } else {
                assistant.put("content", text.toString());
            }
            if (!reasoning.isEmpty()) {
                assistant.put("reasoning_content", reasoning.toString());
            }
            if (!calls.isEmpty()) {
                assistant.set("tool_calls", calls);
            }
            messages.add(assistant);
        }

        private static ObjectNode textPart(JsonNode block) {
            ObjectNode part = NODES.objectNode();
            part.put("type", "text");
            part.put("text", block.path("text").asString(""));
            if (block.has("cache_control")) {
                part.set("cache_control", block.get("cache_control"));
            }
            return part;
        }

        private static ObjectNode imagePart(JsonNode block, String at) {
            JsonNode source = block.path("source");
            String url = switch (source.path("type").asString("")) {
                case "base64" -> "data:" + source.path("media_type").asString("image/png") + ";base64,"
                        + source.path("data").asString("");
                case "url" -> source.path("url").asString("");
                default -> throw ApiException.invalidRequest(at + ".source.type: images need a 'base64' or 'url' "
                        + "source (this gateway has no Files API)", at + ".source.type");
            };
            ObjectNode part = NODES.objectNode();
            part.put("type", "image_url");
            part.putObject("image_url").put("url", url);
            return part;
        }

        private static ObjectNode documentPart(JsonNode block, String at) {
            JsonNode source = block.path("source");
            String text = switch (source.path("type").asString("")) {
                case "text" -> source.path("data").asString("");
                case "content" -> {
                    StringBuilder joined = new StringBuilder();
                    source.path("content").forEach(part -> joined.append(part.path("text").asString("")));
                    yield joined.toString();
                }
                default -> throw ApiException.invalidRequest(at + ".source.type: only text documents can be sent to "
                        + "Qwen; send PDFs as text", at + ".source.type");
            };
            String title = block.path("title").asString(null);
            ObjectNode part = NODES.objectNode();
            part.put("type", "text");
            part.put("text", title == null ? text : title + "\n\n" + text);
            return part;
        }
    }
}
