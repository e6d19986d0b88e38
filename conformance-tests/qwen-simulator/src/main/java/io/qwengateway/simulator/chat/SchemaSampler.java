package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A minimal object that satisfies a JSON schema's {@code required} list, for tool-call arguments and structured
 * output: enough for a client to parse and route, predictable enough for a test to assert.
 */
final class SchemaSampler {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaSampler() {
    }

    /** Each required property filled by type: "sample", 1, true, [] or {}; an enum gives its first value. */
    static ObjectNode requiredProperties(JsonNode objectSchema) {
        ObjectNode sample = Json.object();
        for (JsonNode required : objectSchema.path("required")) {
            String name = Json.text(required);
            sample.set(name, sampleOf(objectSchema.path("properties").path(name)));
        }
        return sample;
    }

    private static JsonNode sampleOf(JsonNode propertySchema) {
        JsonNode enumValues = propertySchema.path("enum");
        if (enumValues.isArray() && !enumValues.isEmpty()) {
            return enumValues.get(0);
        }
        return switch (typeOf(propertySchema)) {
            case "number", "integer" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> NODES.arrayNode();
            case "object" -> NODES.objectNode();
            default -> NODES.stringNode("sample");
        };
    }

    /** {@code type} may be a list such as {@code ["string","null"]}: the first non-null type counts. */
    private static String typeOf(JsonNode propertySchema) {
        JsonNode type = propertySchema.path("type");
        if (type.isString()) {
            return type.stringValue();
        }
        for (JsonNode candidate : type) {
            if (candidate.isString() && !candidate.stringValue().equals("null")) {
                return candidate.stringValue();
            }
        }
        return "string";
    }
}
