package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The text inside a chat message, whether its content is a string or an array of parts. */
final class MessageText {

    private MessageText() {
    }

    /** String content as is; for array content the text parts joined with a space. */
    static String of(JsonNode message) {
        JsonNode content = message.path("content");
        if (content.isString()) {
            return content.stringValue();
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            if (Json.text(part.get("type")).equals("text")) {
                texts.add(Json.text(part.get("text")));
            }
        }
        return String.join(" ", texts);
    }

    static int imageCount(JsonNode message) {
        int images = 0;
        for (JsonNode part : message.path("content")) {
            if (Json.text(part.get("type")).equals("image_url")) {
                images++;
            }
        }
        return images;
    }

    /** Whether the message, or one of its content parts, carries a prompt-cache mark ({@code cache_control}). */
    static boolean isCacheMarked(JsonNode message) {
        if (message.has("cache_control")) {
            return true;
        }
        for (JsonNode part : message.path("content")) {
            if (part.has("cache_control")) {
                return true;
            }
        }
        return false;
    }

    /** At most {@code limit} characters, never splitting a surrogate pair. */
    static String truncate(String text, int limit) {
        if (text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, limit));
    }
}
