package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.support.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A read-only view of a Chat Completions request body, with the questions the simulator asks of it. */
final class ChatRequest {

    private final JsonNode json;
    private final List<JsonNode> messages;

    private ChatRequest(JsonNode json, List<JsonNode> messages) {
        this.json = json;
        this.messages = messages;
    }

    static ChatRequest parse(String body) throws InvalidChatRequest {
        JsonNode json;
        try {
            json = Json.parse(body);
        } catch (JacksonException e) {
            throw new InvalidChatRequest("We could not parse the JSON body of your request.");
        }
        if (json == null || !json.isObject()) {
            throw new InvalidChatRequest("The request body must be a JSON object.");
        }
        if (Json.text(json.get("model")).isBlank()) {
            throw new InvalidChatRequest("you must provide a model parameter");
        }
        JsonNode messages = json.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new InvalidChatRequest("'messages' must be a non-empty array");
        }
        List<JsonNode> checked = new ArrayList<>();
        for (JsonNode message : messages) {
            if (!message.isObject() || Json.text(message.get("role")).isEmpty()) {
                throw new InvalidChatRequest("each message must be an object with a 'role'");
            }
            checked.add(message);
        }
        return new ChatRequest(json, List.copyOf(checked));
    }

    String model() {
        return Json.text(json.get("model"));
    }

    boolean stream() {
        return json.path("stream").asBoolean(false);
    }

    boolean includeUsage() {
        return json.path("stream_options").path("include_usage").asBoolean(false);
    }

    /** DashScope's {@code enable_thinking}, or an OpenAI {@code reasoning_effort} other than "none". */
    boolean wantsThinking() {
        String effort = Json.text(json.get("reasoning_effort"));
        return json.path("enable_thinking").asBoolean(false) || (!effort.isEmpty() && !effort.equals("none"));
    }

    List<JsonNode> messages() {
        return messages;
    }

    String lastRole() {
        return Json.text(messages.get(messages.size() - 1).get("role"));
    }

    JsonNode lastMessage() {
        return messages.get(messages.size() - 1);
    }

    /** The latest message from the user; empty text if there is none. */
    JsonNode lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (Json.text(messages.get(i).get("role")).equals("user")) {
                return messages.get(i);
            }
        }
        return Json.object();
    }

    /** {@code response_format.type}, empty when absent. */
    String responseFormatType() {
        return Json.text(json.path("response_format").get("type"));
    }

    JsonNode responseSchema() {
        return json.path("response_format").path("json_schema").path("schema");
    }

    /** The function definitions offered, in order ({@code tools[].function}). */
    List<JsonNode> functions() {
        List<JsonNode> functions = new ArrayList<>();
        for (JsonNode tool : json.path("tools")) {
            if (tool.path("function").isObject()) {
                functions.add(tool.path("function"));
            }
        }
        return functions;
    }

    /**
     * The function the model should call: the one {@code tool_choice} names, else the first offered; none when
     * no tools are offered or {@code tool_choice} is "none".
     */
    Optional<JsonNode> chosenFunction() {
        List<JsonNode> functions = functions();
        JsonNode toolChoice = json.path("tool_choice");
        if (functions.isEmpty() || Json.text(toolChoice).equals("none")) {
            return Optional.empty();
        }
        String named = Json.text(toolChoice.path("function").get("name"));
        return functions.stream()
                .filter(function -> Json.text(function.get("name")).equals(named))
                .findFirst()
                .or(() -> Optional.of(functions.get(0)));
    }
}
