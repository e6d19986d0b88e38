package io.qwengateway.provider.qwen.transform;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Qwen portal wants a single system message, first. Several system (or OpenAI {@code developer}) messages, or one
 * that is not first, are merged into one leading system message, their texts joined by a blank line. A request that
 * already has one leading system message is left alone.
 */
@Component
@Order(10)
@ConditionalOnBooleanProperty(name = "gateway.transforms.merge-system-messages.enabled", matchIfMissing = true)
public class SystemMessageMerger implements ChatRequestTransformer {

    @Override
    public void apply(ChatCall call) {
        ArrayNode messages = Messages.of(call.body());
        if (messages == null) {
            return;
        }
        List<Integer> systemIndexes = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String role = Messages.role(messages.get(i));
            if (role.equals("system") || role.equals("developer")) {
                systemIndexes.add(i);
            }
        }
        if (systemIndexes.isEmpty() || (systemIndexes.size() == 1 && systemIndexes.get(0) == 0
                && Messages.role(messages.get(0)).equals("system"))) {
            return;
        }
        StringBuilder merged = new StringBuilder();
        for (int index : systemIndexes) {
            String text = Messages.text(messages.get(index).get("content"));
            if (!text.isEmpty()) {
                if (!merged.isEmpty()) {
                    merged.append("\n\n");
                }
                merged.append(text);
            }
        }
        for (int i = systemIndexes.size() - 1; i >= 0; i--) {
            messages.remove((int) systemIndexes.get(i));
        }
        ObjectNode system = messages.insertObject(0);
        system.put("role", "system");
        system.put("content", merged.toString());
    }

}
