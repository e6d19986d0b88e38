package io.qwengateway.provider.qwen.transform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Off by default. Some Qwen portal paths refused user content given as an array of text parts only; this turns such
 * content into the equivalent string. Arrays with images are left alone.
 */
@Component
@Order(50)
@ConditionalOnBooleanProperty(name = "gateway.transforms.flatten-text-parts.enabled")
public class TextPartsFlattener implements ChatRequestTransformer {

    @Override
    public void apply(ChatCall call) {
        ArrayNode messages = Messages.of(call.body());
        if (messages == null) {
            return;
        }
        for (JsonNode message : messages) {
            JsonNode content = message.get("content");
            if (Messages.role(message).equals("user") && content != null && content.isArray() && onlyText(content)) {
                ((ObjectNode) message).put("content", Messages.text(content));
            }
        }
    }

    private static boolean onlyText(JsonNode parts) {
        for (JsonNode part : parts) {
            if (!"text".equals(part.path("type").asString())) {
                return false;
            }
        }
        return !parts.isEmpty();
    }
}
