package io.qwengateway.protocol.responses;

import java.util.List;

import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The parts of a response object that do not depend on what the model produced. */
final class ResponseObjects {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Request fields a response echoes as they were sent, null when absent (all are required, nullable keys). */
    private static final List<String> ECHOED = List.of("instructions", "max_output_tokens", "max_tool_calls",
            "previous_response_id", "prompt_cache_key", "safety_identifier", "temperature", "top_p", "top_logprobs",
            "user");

    /** Item kinds whose resources have a (required) status. */
    private static final List<String> ITEMS_WITH_STATUS = List.of("message", "function_call",
            "function_call_output", "custom_tool_call", "custom_tool_call_output");

    private ResponseObjects() {
    }

    /** The response as {@code response.created} shows it: the request's settings, no output yet. */
    static ObjectNode inProgress(String id, long createdAt, String model, ResponsesCall call) {
        ObjectNode request = call.client();
        ObjectNode response = NODES.objectNode();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", "in_progress");
        response.put("background", false);
        response.putNull("completed_at");
        response.putNull("error");
        response.putNull("incomplete_details");
        for (String field : ECHOED) {
            response.set(field, request.has(field) ? request.get(field) : NODES.nullNode());
        }
        response.put("model", model);
        response.putArray("output");
        response.set("parallel_tool_calls", orElse(request.get("parallel_tool_calls"), NODES.booleanNode(true)));
        response.set("reasoning", orElse(request.get("reasoning"), NODES.nullNode()));
        response.put("store", call.store());
        ObjectNode defaultText = NODES.objectNode();
        defaultText.putObject("format").put("type", "text");
        response.set("text", orElse(request.get("text"), defaultText));
        response.set("tool_choice", orElse(request.get("tool_choice"), NODES.stringNode("auto")));
        response.set("tools", orElse(request.get("tools"), NODES.arrayNode()));
        response.set("truncation", orElse(request.get("truncation"), NODES.stringNode("disabled")));
        response.putNull("usage");
        response.set("metadata", orElse(request.get("metadata"), NODES.objectNode()));
        return response;
    }

    /** Chat usage in the Responses API's names. */
    static ObjectNode usage(JsonNode chat) {
        long input = chat.path("prompt_tokens").asLong(0);
        long output = chat.path("completion_tokens").asLong(0);
        ObjectNode usage = NODES.objectNode();
        usage.put("input_tokens", input);
        JsonNode promptDetails = chat.path("prompt_tokens_details");
        // DashScope reports cached tokens in prompt_tokens_details, on some paths as a top-level cached_tokens.
        long cached = promptDetails.path("cached_tokens").asLong(chat.path("cached_tokens").asLong(0));
        usage.putObject("input_tokens_details")
                .put("cached_tokens", cached)
                .put("cache_write_tokens", promptDetails.path("cache_creation_input_tokens").asLong(0));
        usage.put("output_tokens", output);
        usage.putObject("output_tokens_details")
                .put("reasoning_tokens", chat.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
        usage.put("total_tokens", chat.path("total_tokens").asLong(input + output));
        return usage;
    }

    /**
     * The {@code error.code} of a failed response. Codex acts on {@code context_length_exceeded},
     * {@code insufficient_quota} and {@code rate_limit_exceeded}; anything else is a server error or an invalid prompt.
     */
    static String errorCode(ApiException error) {
        String code = error.code() == null ? "" : error.code();
        if (List.of("context_length_exceeded", "insufficient_quota", "rate_limit_exceeded").contains(code)) {
            return code;
        }
        if (error.status() == HttpStatus.TOO_MANY_REQUESTS) {
            return "rate_limit_exceeded";
        }
        return error.status().is4xxClientError() ? "invalid_prompt" : "server_error";
    }

    /**
     * An input item as {@code input_items} lists it. The API lists item resources, which SDKs validate: message
     * content is a list of parts however the client wrote it ({@code "content": "Hi"} is one {@code input_text}
     * part, or {@code output_text} for an assistant message), {@code output_text} parts carry their annotations, and
     * messages, calls and call outputs have a {@code status}.
     */
    static ObjectNode inputItemResource(ObjectNode item) {
        ObjectNode resource = item.deepCopy();
        String type = resource.path("type").asString("");
        if (type.equals("message")) {
            boolean assistant = resource.path("role").asString("").equals("assistant");
            JsonNode content = resource.get("content");
            if (content != null && content.isString()) {
                ObjectNode part = NODES.objectNode();
                part.put("type", assistant ? "output_text" : "input_text");
                part.put("text", content.asString());
                resource.putArray("content").add(part);
            }
            for (JsonNode part : resource.path("content")) {
                if (part instanceof ObjectNode text && "output_text".equals(text.path("type").asString(null))
                        && !text.has("annotations")) {
                    text.putArray("annotations");
                }
            }
        }
        if (ITEMS_WITH_STATUS.contains(type) && !resource.has("status")) {
            resource.put("status", "completed");
        }
        return resource;
    }

    /** A custom tool goes upstream as a function taking {@code {"input": "..."}}: its input is that string. */
    static String customInput(String arguments) {
        try {
            JsonNode parsed = JSON.readTree(arguments);
            if (parsed != null && parsed.path("input").isString()) {
                return parsed.path("input").asString();
            }
        } catch (JacksonException e) {
            // Cut-off arguments: hand over what there is rather than nothing.
        }
        return arguments;
    }

    private static JsonNode orElse(JsonNode value, JsonNode fallback) {
        return value == null || value.isNull() ? fallback : value;
    }
}
