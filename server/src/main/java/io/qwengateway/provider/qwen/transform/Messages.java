package io.qwengateway.provider.qwen.transform;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers over the {@code messages} array shared by the transformers. */
final class Messages {

    private Messages() {
    }

    /** The messages array, or null when the body has none (the contract rejects that earlier). */
    static ArrayNode of(ObjectNode body) {
        JsonNode messages = body.get("messages");
        return messages instanceof ArrayNode array ? array : null;
    }

    static String role(JsonNode message) {
        return message.path("role").asString("");
    }

    /** The text of a message's content: the string itself, or its text parts joined. */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asString()) && part.has("text")) {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(part.path("text").asString());
                }
            }
        }
        return text.toString();
    }
}
