package io.qwengateway.provider.qwen.transform;

import io.qwengateway.pipeline.ChatCall;

/**
 * One documented Qwen adjustment of a chat request, applied to the JSON tree in place, like a gateway filter. Each
 * is a bean of its own, switched by {@code gateway.transforms.<name>.enabled}, and ordered with {@code @Order}.
 * Everything a transformer does not touch reaches the upstream exactly as the client sent it.
 */
public interface ChatRequestTransformer {

    void apply(ChatCall call);
}
