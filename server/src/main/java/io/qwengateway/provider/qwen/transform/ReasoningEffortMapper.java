package io.qwengateway.provider.qwen.transform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Qwen thinks when {@code enable_thinking} is true, within {@code thinking_budget} tokens; OpenAI clients say
 * {@code reasoning_effort}. The effort is kept and translated into the Qwen fields, unless the client set those
 * itself: {@code none} turns thinking off, other efforts turn it on with the configured budget.
 */
@Component
@Order(30)
@ConditionalOnBooleanProperty(name = "gateway.transforms.reasoning-effort.enabled", matchIfMissing = true)
public class ReasoningEffortMapper implements ChatRequestTransformer {

    private final TransformProperties properties;

    public ReasoningEffortMapper(TransformProperties properties) {
        this.properties = properties;
    }

    @Override
    public void apply(ChatCall call) {
        ObjectNode body = call.body();
        JsonNode effort = body.get("reasoning_effort");
        if (effort == null || !effort.isString() || body.has("enable_thinking")) {
            return;
        }
        String level = effort.asString();
        if (level.equals("none")) {
            body.put("enable_thinking", false);
            return;
        }
        body.put("enable_thinking", true);
        Integer budget = properties.thinkingBudgets().get(level);
        if (budget != null && !body.has("thinking_budget")) {
            body.put("thinking_budget", budget);
        }
    }
}
