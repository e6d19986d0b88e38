package io.qwengateway.embeddings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI's base64 embedding format: the vector's little-endian float32 bytes, base64-encoded, no header. */
public final class Base64Embeddings {

    private Base64Embeddings() {
    }

    /** Replaces each {@code data[].embedding} float array of an embeddings answer by its base64 form. */
    public static void encodeInPlace(ObjectNode answer) {
        for (JsonNode item : answer.path("data")) {
            JsonNode vector = item.get("embedding");
            if (item instanceof ObjectNode object && vector != null && vector.isArray()) {
                object.put("embedding", encode(vector));
            }
        }
    }

    static String encode(JsonNode vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode value : vector) {
            bytes.putFloat(value.floatValue());
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
