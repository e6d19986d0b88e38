package io.qwengateway.provider.qwen.transform;

import java.util.UUID;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The qwen-code CLI tags each request with {@code metadata: {sessionId, promptId}}. The gateway sends its own session
 * id (one per run) and the request id as prompt id; keys the client set in {@code metadata} are kept as they are.
 */
@Component
@Order(80)
@ConditionalOnBooleanProperty(name = "gateway.transforms.session-metadata.enabled", matchIfMissing = true)
public class SessionMetadata implements ChatRequestTransformer {

    private final String sessionId = UUID.randomUUID().toString();

    @Override
    public void apply(ChatCall call) {
        JsonNode existing = call.body().get("metadata");
        if (existing != null && !existing.isNull() && !existing.isObject()) {
            return; // not ours to fix: the upstream will say what is wrong with it
        }
        ObjectNode metadata = existing instanceof ObjectNode object ? object : call.body().putObject("metadata");
        if (!metadata.has("sessionId")) {
            metadata.put("sessionId", sessionId);
        }
        if (!metadata.has("promptId")) {
            metadata.put("promptId", call.requestId());
        }
    }
}
