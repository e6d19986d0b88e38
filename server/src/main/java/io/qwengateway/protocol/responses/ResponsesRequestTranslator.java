package io.qwengateway.protocol.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.LeftOutTools;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a Responses API request into the Chat Completions request Qwen understands (docs/responses.md lists every
 * mapping). The conversation is the stored history of {@code previous_response_id}, if any, followed by this
 * request's {@code input}; {@code instructions} and every system or developer message become the one leading system
 * message Qwen wants. Fields the Responses API does not define (Qwen extensions such as {@code enable_thinking}) go
 * upstream unchanged.
 */
public class ResponsesRequestTranslator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Responses fields this translator turns into something else, or that have no upstream meaning. */
    private static final Set<String> TRANSLATED = Set.of("model", "input", "instructions", "tools", "tool_choice",
            "text", "reasoning", "max_output_tokens", "stream", "stream_options", "store", "previous_response_id",
            "include", "truncation", "service_tier", "background", "conversation", "prompt", "client_metadata",
            "max_tool_calls", "top_logprobs", "prompt_cache_retention", "context_management");

    private final ResponseStore store;
    private final boolean replayReasoning;
    private final Compaction compaction;

    /**
     * @param replayReasoning send the text of {@code reasoning} items back as the next assistant message's
     *                        {@code reasoning_content}, where Qwen keeps it as context; otherwise they are dropped
     */
    public ResponsesRequestTranslator(ResponseStore store, boolean replayReasoning, Compaction compaction) {
        this.store = store;
        this.replayReasoning = replayReasoning;
        this.compaction = compaction;
    }

    public ResponsesRequestTranslator(ResponseStore store, boolean replayReasoning) {
        this(store, replayReasoning, Compaction.DEFAULT);
    }

    /**
     * @param owner who is asking (see {@link StoredResponse#owner()}): only their stored responses can be continued
     * @throws ApiException 400 for what the gateway cannot honour without misleading, 404 for an unknown
     *                      {@code previous_response_id}
     */
    public ResponsesCall translate(ObjectNode body, String owner) {
        refuseUnsupported(body);
        ToolNames toolNames = new ToolNames();
        ArrayNode chatTools = chatTools(body.get("tools"), toolNames);

        Optional<StoredResponse> previous = previousResponse(body, owner);
        List<ObjectNode> earlier = new ArrayList<>();
        previous.ifPresent(stored -> {
            earlier.addAll(stored.history());
            stored.response().path("output").forEach(item -> earlier.add((ObjectNode) item));
        });
        List<ObjectNode> input = inputItems(body.get("input"), earlier);
        List<ObjectNode> history = new ArrayList<>(earlier);
        history.addAll(input);

        ObjectNode chat = NODES.objectNode();
        if (body.has("model")) {
            chat.set("model", body.get("model"));
        }
        chat.set("messages", new ChatMessages(toolNames, replayReasoning, compaction)
                .of(text(body.get("instructions")), history));
        boolean compacting = !input.isEmpty() && "compaction_trigger".equals(input.get(input.size() - 1).path("type")
                .asString(null));
        if (chatTools != null) {
            chat.set("tools", chatTools);
        }
        // A summary is wanted, not a tool call (the tools stay: the same prefix keeps Qwen's context cache warm).
        JsonNode toolChoice = compacting ? NODES.stringNode("none") : chatToolChoice(body.get("tool_choice"), toolNames);
        if (toolChoice != null) {
            chat.set("tool_choice", toolChoice);
        }
        ObjectNode responseFormat = responseFormat(body.path("text").get("format"));
        if (responseFormat != null) {
            chat.set("response_format", responseFormat);
        }
        JsonNode effort = body.path("reasoning").get("effort");
        if (effort != null && !effort.isNull()) {
            chat.set("reasoning_effort", effort);
        }
        if (body.has("max_output_tokens") && !body.get("max_output_tokens").isNull()) {
            chat.set("max_tokens", body.get("max_output_tokens"));
        }
        boolean streaming = body.path("stream").asBoolean(false);
        if (streaming) {
            chat.put("stream", true);
            // Usage is part of every response object, so Qwen is always asked for it.
            chat.putObject("stream_options").put("include_usage", true);
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!TRANSLATED.contains(field.getKey())) {
                chat.set(field.getKey(), field.getValue()); // temperature, top_p, user, metadata, Qwen extensions...
            }
        }
        boolean storeIt = !body.path("store").isBoolean() || body.get("store").asBoolean();
        JsonNode summary = body.path("reasoning").get("summary");
        boolean reasoningSummary = summary != null && summary.isString() && !summary.asString().equals("none");
        return new ResponsesCall(body, chat, toolNames, history, input, streaming, storeIt, reasoningSummary,
                compacting);
    }

    /** Fields whose silent omission would mislead the client. */
    private static void refuseUnsupported(ObjectNode body) {
        if (body.path("background").asBoolean(false)) {
            throw ApiException.invalidRequest("Background responses are not supported by this gateway: send the "
                    + "request without 'background' (or stream it) and wait for the answer.", "background");
        }
        if (present(body.get("conversation"))) {
            throw ApiException.invalidRequest("The Conversations API is not supported by this gateway: continue a "
                    + "conversation with 'previous_response_id' or send the earlier items in 'input'.", "conversation");
        }
        if (present(body.get("prompt"))) {
            throw ApiException.invalidRequest("Prompt templates ('prompt') are not supported by this gateway: send "
                    + "the text in 'instructions' and 'input'.", "prompt");
        }
    }

    private Optional<StoredResponse> previousResponse(ObjectNode body, String owner) {
        JsonNode id = body.get("previous_response_id");
        if (!present(id)) {
            return Optional.empty();
        }
        if (!id.isString()) {
            throw ApiException.invalidRequest("Invalid type for 'previous_response_id': expected a string.",
                    "previous_response_id");
        }
        return Optional.of(store.find(id.asString(), owner).orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
                "invalid_request_error", "previous_response_not_found", "previous_response_id",
                "Previous response with id '" + id.asString() + "' not found. Stored responses expire, and "
                        + "responses created with 'store': false are never kept.", null)));
    }

    /** This request's input as items with ids: a string is one user message; references are resolved. */
    private static List<ObjectNode> inputItems(JsonNode input, List<ObjectNode> earlier) {
        List<ObjectNode> items = new ArrayList<>();
        if (input == null || input.isNull()) {
            return items;
        }
        if (input.isString()) {
            ObjectNode message = NODES.objectNode();
            message.put("type", "message");
            message.put("id", ResponseIds.item("msg"));
            message.put("role", "user");
            message.put("content", input.asString());
            items.add(message);
            return items;
        }
        if (!(input instanceof ArrayNode list)) {
            throw ApiException.invalidRequest("Invalid type for 'input': expected a string or an array of input "
                    + "items.", "input");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof ObjectNode item)) {
                throw ApiException.invalidRequest("Invalid type for 'input[" + i + "]': expected an object.",
                        "input[" + i + "]");
            }
            items.add(normalised(item, i, earlier));
        }
        return items;
    }

    private static ObjectNode normalised(ObjectNode item, int index, List<ObjectNode> earlier) {
        String type = item.path("type").asString(item.has("role") ? "message" : "");
        if (type.equals("item_reference")) {
            String id = item.path("id").asString("");
            return earlier.stream().filter(candidate -> id.equals(candidate.path("id").asString(null)))
                    .findFirst()
                    .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "invalid_request_error",
                            "item_not_found", "input[" + index + "].id", "Item with id '" + id + "' not found in "
                                    + "the conversation of 'previous_response_id'.", null));
        }
        ObjectNode copy = item.deepCopy();
        copy.put("type", type);
        if (!present(copy.get("id"))) {
            copy.put("id", ResponseIds.item(switch (type) {
                case "message" -> "msg";
                case "function_call" -> "fc";
                case "custom_tool_call" -> "ctc";
                case "reasoning" -> "rs";
                case "compaction", "compaction_trigger" -> "cmp";
                default -> "item";
            }));
        }
        new ChatMessages.ItemCheck(index).check(copy);
        return copy;
    }

    private static ArrayNode chatTools(JsonNode tools, ToolNames names) {
        if (tools == null || tools.isNull()) {
            return null;
        }
        if (!(tools instanceof ArrayNode list)) {
            throw ApiException.invalidRequest("Invalid type for 'tools': expected an array.", "tools");
        }
        ArrayNode chat = NODES.arrayNode();
        for (int i = 0; i < list.size(); i++) {
            JsonNode tool = list.get(i);
            String type = tool.path("type").asString("");
            switch (type) {
                case "function", "custom" -> chat.add(chatFunction(tool, null, names, "tools[" + i + "]"));
                case "namespace" -> {
                    String namespace = requiredName(tool, "tools[" + i + "]");
                    JsonNode inner = tool.path("tools");
                    for (int j = 0; j < inner.size(); j++) {
                        chat.add(chatFunction(inner.get(j), namespace, names, "tools[" + i + "].tools[" + j + "]"));
                    }
                }
                default -> LeftOutTools.leftOut("Responses", type);
            }
        }
        return chat;
    }

    private static ObjectNode chatFunction(JsonNode tool, String namespace, ToolNames names, String param) {
        String name = requiredName(tool, param);
        boolean custom = tool.path("type").asString("").equals("custom");
        ObjectNode function = NODES.objectNode();
        function.put("name", names.register(name, namespace, custom ? ToolNames.Kind.CUSTOM : ToolNames.Kind.FUNCTION));
        String description = tool.path("description").asString(null);
        if (custom) {
            function.put("description", customDescription(description, tool.path("format")));
            ObjectNode parameters = function.putObject("parameters");
            parameters.put("type", "object");
            parameters.putObject("properties").putObject("input").put("type", "string")
                    .put("description", "The tool's free-form input.");
            parameters.putArray("required").add("input");
            parameters.put("additionalProperties", false);
        } else {
            if (description != null) {
                function.put("description", description);
            }
            for (String field : List.of("parameters", "strict")) {
                if (present(tool.get(field))) {
                    function.set(field, tool.get(field));
                }
            }
        }
        ObjectNode chatTool = NODES.objectNode();
        chatTool.put("type", "function");
        chatTool.set("function", function);
        return chatTool;
    }

    /** A free-form tool's grammar goes into its description: the model must know what input the tool takes. */
    private static String customDescription(String description, JsonNode format) {
        StringBuilder text = new StringBuilder(description == null ? "" : description);
        if ("grammar".equals(format.path("type").asString(null))) {
            text.append(text.isEmpty() ? "" : "\n\n").append("The input must follow this ")
                    .append(format.path("syntax").asString("")).append(" grammar:\n")
                    .append(format.path("definition").asString(""));
        }
        return text.toString();
    }

    private static JsonNode chatToolChoice(JsonNode choice, ToolNames names) {
        if (choice == null || choice.isNull() || choice.isString()) {
            return choice;
        }
        String type = choice.path("type").asString("");
        return switch (type) {
            case "function", "custom" -> {
                ObjectNode named = NODES.objectNode();
                named.put("type", "function");
                named.putObject("function").put("name",
                        names.upstreamName(choice.path("name").asString(""), choice.path("namespace").asString(null)));
                yield named;
            }
            // The upstream cannot restrict the choice to a subset: the mode is the closest it understands.
            case "allowed_tools" -> NODES.stringNode(choice.path("mode").asString("auto"));
            default -> NODES.stringNode("auto"); // a built-in tool, which was left out
        };
    }

    private static ObjectNode responseFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return null;
        }
        String type = format.path("type").asString("");
        ObjectNode chat = NODES.objectNode();
        switch (type) {
            case "json_object" -> chat.put("type", "json_object");
            case "json_schema" -> {
                chat.put("type", "json_schema");
                ObjectNode schema = chat.putObject("json_schema");
                for (String field : List.of("name", "schema", "strict", "description")) {
                    if (format.has(field)) {
                        schema.set(field, format.get(field));
                    }
                }
            }
            default -> {
                return null; // "text": the upstream's default
            }
        }
        return chat;
    }

    private static String requiredName(JsonNode tool, String param) {
        JsonNode name = tool.get("name");
        if (name == null || !name.isString() || name.asString().isEmpty()) {
            throw ApiException.invalidRequest("Missing required parameter: '" + param + ".name'.", param + ".name");
        }
        return name.asString();
    }

    static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : value) {
            if (part.isString()) {
                text.append(part.asString());
            } else if (part.has("text")) {
                text.append(part.path("text").asString(""));
            } else if (part.has("refusal")) {
                text.append(part.path("refusal").asString(""));
            }
        }
        return text.toString();
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }
}
