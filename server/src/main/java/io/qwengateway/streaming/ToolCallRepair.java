package io.qwengateway.streaming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes one choice's streamed tool calls look like OpenAI's, whatever Qwen sent: every call gets an id and a stable
 * index of its own (Qwen's ids can be missing and its indexes can collide), the first fragment of a call carries
 * {@code id}, {@code type} and {@code function.name}, later fragments only {@code index} and the argument text
 * (a repeated name would be concatenated by clients into {@code read_fileread_file}).
 */
final class ToolCallRepair {

    private final ObjectMapper json;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Call> byId = new HashMap<>();
    private final Map<Integer, Call> latestByUpstreamIndex = new HashMap<>();

    ToolCallRepair(ObjectMapper json) {
        this.json = json;
    }

    void repair(ArrayNode toolCalls) {
        for (JsonNode node : toolCalls) {
            if (node instanceof ObjectNode fragment) {
                repair(fragment);
            }
        }
    }

    private void repair(ObjectNode fragment) {
        int upstreamIndex = fragment.path("index").asInt(0);
        String id = nonEmpty(fragment.get("id"));
        Call call = id != null ? byId.get(id) : latestByUpstreamIndex.get(upstreamIndex);
        boolean first = call == null;
        if (first) {
            call = new Call(calls.size(), id != null ? id : "call_" + UUID.randomUUID().toString().replace("-", ""));
            calls.add(call);
            byId.put(call.id, call);
        }
        latestByUpstreamIndex.put(upstreamIndex, call);
        fragment.put("index", call.index);

        ObjectNode function = fragment.get("function") instanceof ObjectNode existing ? existing
                : fragment.putObject("function");
        String name = nonEmpty(function.get("name"));
        if (first) {
            fragment.put("id", call.id);
            fragment.put("type", "function");
            if (!function.has("arguments")) {
                function.put("arguments", "");
            }
        } else {
            fragment.remove("id");
            fragment.remove("type");
        }
        if (name != null) {
            if (call.name == null) {
                call.name = name;
            } else if (!first) {
                function.remove("name");
            }
        }
        String arguments = nonEmpty(function.get("arguments"));
        if (arguments != null) {
            call.arguments.append(arguments);
        }
    }

    boolean any() {
        return !calls.isEmpty();
    }

    /** A call whose argument text is not complete JSON: the answer was cut off. */
    boolean anyTruncated() {
        for (Call call : calls) {
            String arguments = call.arguments.toString().trim();
            if (arguments.isEmpty()) {
                continue;
            }
            try {
                json.readTree(arguments);
            } catch (JacksonException e) {
                return true;
            }
        }
        return false;
    }

    private static String nonEmpty(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asString();
        return text.isEmpty() ? null : text;
    }

    private static final class Call {
        final int index;
        final String id;
        String name;
        final StringBuilder arguments = new StringBuilder();

        Call(int index, String id) {
            this.index = index;
            this.id = id;
        }
    }
}
