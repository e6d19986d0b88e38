package io.qwengateway.provider.qwen.transform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams always ask Qwen for usage ({@code stream_options.include_usage: true}), as the CLI does; the relay passes
 * the usage chunk on only to clients that asked for it ({@link ChatCall#clientWantsUsage()}).
 */
@Component
@Order(70)
@ConditionalOnBooleanProperty(name = "gateway.transforms.stream-usage.enabled", matchIfMissing = true)
public class StreamUsageRequester implements ChatRequestTransformer {

    @Override
    public void apply(ChatCall call) {
        if (!call.streaming()) {
            return;
        }
        JsonNode options = call.body().get("stream_options");
        ObjectNode streamOptions = options instanceof ObjectNode existing ? existing : call.body().putObject("stream_options");
        streamOptions.put("include_usage", true);
    }
}
