package io.qwengateway.simulator.support;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's single JSON mapper and the few tree helpers every endpoint needs.
 * Output is always compact: SSE framing breaks on pretty-printed JSON.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** The JSON string literal for {@code text}, quotes and escapes included. */
    public static String quote(String text) {
        return MAPPER.writeValueAsString(text);
    }

    public static JsonNode parse(String text) throws JacksonException {
        return MAPPER.readTree(text);
    }

    /** The text of a JSON string node; empty for anything else (missing, null, numbers, containers). */
    public static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : "";
    }
}
