package io.qwengateway.protocol.responses;

import java.util.ArrayList;
import java.util.List;

import io.qwengateway.errors.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The conversation as Chat Completions messages: one leading system message (instructions, then every system and
 * developer message in order), user messages with text and image parts, assistant messages carrying the function
 * calls that followed them, and one {@code tool} message per call output. Used once per request.
 */
final class ChatMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ToolNames tools;
    private final boolean replayReasoning;
    private final Compaction compaction;
    private final List<String> system = new ArrayList<>();
    private final ArrayNode messages = NODES.arrayNode();
    /** The assistant message that following function calls join (parallel calls are one chat message). */
    private ObjectNode assistant;
    private String reasoning;
    /** Images returned by tools: chat tool messages take text only, so they follow the tool results as user content. */
    private ArrayNode toolImages;

    ChatMessages(ToolNames tools, boolean replayReasoning, Compaction compaction) {
        this.tools = tools;
        this.replayReasoning = replayReasoning;
        this.compaction = compaction;
    }

    ArrayNode of(String instructions, List<ObjectNode> items) {
        if (instructions != null && !instructions.isEmpty()) {
            system.add(instructions);
        }
        for (ObjectNode item : items) {
            add(item);
        }
        endAssistant();
        endToolResults();
        if (!system.isEmpty()) {
            ObjectNode leading = NODES.objectNode();
            leading.put("role", "system");
            leading.put("content", String.join("\n\n", system));
            messages.insert(0, leading);
        }
        return messages;
    }

    private void add(ObjectNode item) {
        switch (item.path("type").asString("")) {
            case "message" -> message(item);
            case "function_call" -> toolCall(item, item.path("arguments").asString(""));
            case "custom_tool_call" -> {
                ObjectNode arguments = NODES.objectNode();
                arguments.put("input", item.path("input").asString(""));
                toolCall(item, arguments.toString());
            }
            case "function_call_output", "custom_tool_call_output" -> toolResult(item);
            case "reasoning" -> {
                endAssistant();
                endToolResults();
                String text = reasoningText(item);
                reasoning = reasoning == null ? text : reasoning + text;
            }
            case "compaction_trigger" -> userText(compaction.prompt());
            case "compaction" -> Compaction.summaryOf(item.path("encrypted_content").asString(null))
                    .ifPresent(summary -> userText(compaction.summaryPrefix() + "\n\n" + summary));
            default -> {
                // Items of built-in tools (web_search_call, ...), OpenAI's own encrypted checkpoints, newer kinds:
                // nothing Qwen could use.
            }
        }
    }

    private void message(ObjectNode item) {
        String role = item.path("role").asString("user");
        JsonNode content = item.get("content");
        switch (role) {
            case "system", "developer" -> {
                String text = ResponsesRequestTranslator.text(content);
                if (text != null && !text.isEmpty()) {
                    system.add(text);
                }
            }
            case "assistant" -> {
                endAssistant();
                endToolResults();
                assistant = NODES.objectNode();
                assistant.put("role", "assistant");
                assistant.put("content", ResponsesRequestTranslator.text(content));
            }
            default -> {
                endAssistant();
                endToolResults();
                ObjectNode user = messages.addObject();
                user.put("role", role);
                user.set("content", content.isString() ? content : userParts((ArrayNode) content));
            }
        }
    }

    private void userText(String text) {
        endAssistant();
        endToolResults();
        messages.addObject().put("role", "user").put("content", text);
    }

    private void toolCall(ObjectNode item, String arguments) {
        endToolResults();
        if (assistant == null) {
            assistant = NODES.objectNode();
            assistant.put("role", "assistant");
            assistant.putNull("content");
        }
        ArrayNode calls = assistant.get("tool_calls") instanceof ArrayNode existing ? existing
                : assistant.putArray("tool_calls");
        ObjectNode call = calls.addObject();
        call.put("id", item.path("call_id").asString(item.path("id").asString("")));
        call.put("type", "function");
        ObjectNode function = call.putObject("function");
        function.put("name", tools.upstreamName(item.path("name").asString(""), item.path("namespace").asString(null)));
        function.put("arguments", arguments);
    }

    private void toolResult(ObjectNode item) {
        endAssistant();
        ObjectNode result = messages.addObject();
        result.put("role", "tool");
        result.put("tool_call_id", item.path("call_id").asString(""));
        JsonNode output = item.get("output");
        if (output instanceof ArrayNode parts) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : parts) {
                if ("input_image".equals(part.path("type").asString(null))) {
                    if (toolImages == null) {
                        toolImages = NODES.arrayNode();
                    }
                    toolImages.add(imagePart(part));
                } else {
                    text.append(part.path("text").asString(""));
                }
            }
            result.put("content", text.toString());
        } else {
            result.put("content", output == null || output.isNull() ? "" : output.isString() ? output.asString()
                    : output.toString());
        }
    }

    /** Closes the pending assistant message, with the reasoning that led to it when Qwen keeps that as context. */
    private void endAssistant() {
        if (assistant == null) {
            return;
        }
        if (replayReasoning && reasoning != null && !reasoning.isEmpty()) {
            assistant.put("reasoning_content", reasoning);
        }
        reasoning = null;
        messages.add(assistant);
        assistant = null;
    }

    private void endToolResults() {
        if (toolImages == null) {
            return;
        }
        ObjectNode user = messages.addObject();
        user.put("role", "user");
        user.set("content", toolImages);
        toolImages = null;
    }

    private static ArrayNode userParts(ArrayNode parts) {
        ArrayNode chat = NODES.arrayNode();
        for (JsonNode part : parts) {
            String type = part.path("type").asString("");
            if (type.equals("input_image")) {
                chat.add(imagePart(part));
            } else {
                ObjectNode text = chat.addObject();
                text.put("type", "text");
                text.put("text", part.has("text") ? part.path("text").asString("") : part.path("refusal").asString(""));
            }
        }
        return chat;
    }

    private static ObjectNode imagePart(JsonNode part) {
        ObjectNode image = NODES.objectNode();
        image.put("type", "image_url");
        ObjectNode url = image.putObject("image_url");
        url.put("url", part.path("image_url").asString(""));
        if (part.path("detail").isString()) {
            url.put("detail", part.path("detail").asString());
        }
        return image;
    }

    /** Summary text stands in when the item carries no reasoning content (OpenAI's own items usually don't). */
    private static String reasoningText(ObjectNode item) {
        String content = ResponsesRequestTranslator.text(item.get("content"));
        if (content != null && !content.isEmpty()) {
            return content;
        }
        String summary = ResponsesRequestTranslator.text(item.get("summary"));
        return summary == null ? "" : summary;
    }

    /** Rejects, before any upstream call, input items whose content the upstream cannot take. */
    record ItemCheck(int index) {

        void check(ObjectNode item) {
            String type = item.path("type").asString("");
            String at = "input[" + index + "]";
            switch (type) {
                case "message" -> checkMessage(item, at);
                case "function_call" -> require(item, "call_id", at);
                case "function_call_output", "custom_tool_call_output" -> {
                    require(item, "call_id", at);
                    if (!ResponsesRequestTranslator.present(item.get("output"))) {
                        throw missing(at + ".output");
                    }
                    checkParts(item.get("output"), at + ".output");
                }
                case "custom_tool_call" -> require(item, "call_id", at);
                default -> {
                }
            }
        }

        private static void checkMessage(ObjectNode item, String at) {
            String role = item.path("role").asString(null);
            if (role == null) {
                throw missing(at + ".role");
            }
            if (!List.of("user", "assistant", "system", "developer").contains(role)) {
                throw ApiException.invalidRequest("Invalid value for '" + at + ".role': '" + role
                        + "'. Supported values are: 'user', 'assistant', 'system' and 'developer'.", at + ".role");
            }
            JsonNode content = item.get("content");
            if (content == null || content.isNull()) {
                throw missing(at + ".content");
            }
            if (!content.isString() && !content.isArray()) {
                throw ApiException.invalidRequest("Invalid type for '" + at + ".content': expected a string or an "
                        + "array of content parts.", at + ".content");
            }
            checkParts(content, at + ".content");
        }

        private static void checkParts(JsonNode content, String at) {
            if (!content.isArray()) {
                return;
            }
            for (int i = 0; i < content.size(); i++) {
                JsonNode part = content.get(i);
                String where = at + "[" + i + "]";
                String type = part.path("type").asString("");
                switch (type) {
                    case "input_text", "output_text", "text", "summary_text", "reasoning_text" -> {
                        if (!part.path("text").isString()) {
                            throw missing(where + ".text");
                        }
                    }
                    case "refusal" -> {
                    }
                    case "input_image" -> {
                        if (!part.path("image_url").isString()) {
                            throw ApiException.invalidRequest("'" + where + "' needs an 'image_url' (an https or data "
                                    + "URL): this gateway has no Files API, so 'file_id' cannot be used.",
                                    where + ".image_url");
                        }
                    }
                    default -> throw ApiException.invalidRequest("Content parts of type '" + type + "' are not "
                            + "supported by this gateway ('" + where + "'); send text ('input_text') or images "
                            + "('input_image').", where + ".type");
                }
            }
        }

        private static void require(ObjectNode item, String field, String at) {
            if (!item.path(field).isString()) {
                throw missing(at + "." + field);
            }
        }

        private static ApiException missing(String param) {
            return ApiException.invalidRequest("Missing required parameter: '" + param + "'.", param);
        }
    }
}
