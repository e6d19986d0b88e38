package io.qwengateway.provider.qwen.transform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * DashScope's prompt cache, marked the way the qwen-code CLI marks it: {@code cache_control: {type: "ephemeral"}} on
 * the system message, and on streams also on the last message and the last tool. String content becomes one text
 * part carrying the mark; on array content the mark goes on the last part. Existing marks are kept.
 */
@Component
@Order(60)
@ConditionalOnBooleanProperty(name = "gateway.transforms.cache-control.enabled", matchIfMissing = true)
public class CacheControlMarker implements ChatRequestTransformer {

    @Override
    public void apply(ChatCall call) {
        ArrayNode messages = Messages.of(call.body());
        if (messages == null || messages.isEmpty()) {
            return;
        }
        for (JsonNode message : messages) {
            if (Messages.role(message).equals("system")) {
                mark((ObjectNode) message);
                break;
            }
        }
        if (call.streaming()) {
            mark((ObjectNode) messages.get(messages.size() - 1));
            JsonNode tools = call.body().get("tools");
            if (tools instanceof ArrayNode toolList && !toolList.isEmpty()
                    && toolList.get(toolList.size() - 1) instanceof ObjectNode lastTool && !lastTool.has("cache_control")) {
                lastTool.set("cache_control", ephemeral(lastTool));
            }
        }
    }

    private static void mark(ObjectNode message) {
        JsonNode content = message.get("content");
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isString()) {
            if (content.asString().isEmpty()) {
                return;
            }
            ArrayNode parts = message.putArray("content");
            ObjectNode part = parts.addObject();
            part.put("type", "text");
            part.put("text", content.asString());
            part.set("cache_control", ephemeral(part));
        } else if (content instanceof ArrayNode parts && !parts.isEmpty()
                && parts.get(parts.size() - 1) instanceof ObjectNode last && !last.has("cache_control")) {
            last.set("cache_control", ephemeral(last));
        }
    }

    private static ObjectNode ephemeral(ObjectNode anyNode) {
        ObjectNode mark = anyNode.objectNode();
        mark.put("type", "ephemeral");
        return mark;
    }
}
