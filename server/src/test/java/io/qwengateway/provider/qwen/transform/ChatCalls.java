package io.qwengateway.provider.qwen.transform;

import java.util.List;
import java.util.Map;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Request bodies for the transformer tests, written with single quotes to keep them readable. */
final class ChatCalls {

    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    /** The settings application.yml ships with. */
    static final TransformProperties DEFAULTS = new TransformProperties(
            List.of("coder-model", "qwen-vl.*", "qwen3-vl-plus.*", "qwen3\\.5-plus.*"),
            Map.of("minimal", 1024, "low", 4096, "medium", 16384, "high", 32768));

    private ChatCalls() {
    }

    static ObjectNode json(String singleQuoted) {
        return (ObjectNode) JSON.readTree(singleQuoted);
    }

    static ChatCall call(String body) {
        return call(body, "coder-model");
    }

    static ChatCall call(String body, String model) {
        return ChatCall.of(json(body), model, "req_test");
    }

    /** The body after one transformer ran on it. */
    static ObjectNode applied(ChatRequestTransformer transformer, String body) {
        ChatCall call = call(body);
        transformer.apply(call);
        return call.body();
    }
}
