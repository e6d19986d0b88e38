package io.qwengateway.provider.qwen.transform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.JsonNode;

/** Some Qwen backends reject {@code "tools": []}; the qwen-code CLI omits it, and so does the gateway. */
@Component
@Order(20)
@ConditionalOnBooleanProperty(name = "gateway.transforms.omit-empty-tools.enabled", matchIfMissing = true)
public class EmptyToolsRemover implements ChatRequestTransformer {

    @Override
    public void apply(ChatCall call) {
        JsonNode tools = call.body().get("tools");
        if (tools != null && tools.isArray() && tools.isEmpty()) {
            call.body().remove("tools");
        }
    }
}
