package io.qwengateway.provider.qwen.transform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;
import io.qwengateway.tokens.LimitsProperties;
import tools.jackson.databind.JsonNode;

/**
 * {@code max_tokens} and {@code max_completion_tokens} above the model's output limit ({@code gateway.limits.models})
 * become that limit, which Qwen would otherwise refuse; the request line says so. Values at or below it, {@code 0}
 * included, and models without a limit are left as the client sent them. (The Responses API's
 * {@code max_output_tokens} and Anthropic's {@code max_tokens} arrive here as {@code max_tokens}.)
 */
@Component
@Order(90)
@ConditionalOnBooleanProperty(name = "gateway.transforms.clamp-max-tokens.enabled", matchIfMissing = true)
public class MaxTokensClamp implements ChatRequestTransformer {

    private static final String[] FIELDS = { "max_tokens", "max_completion_tokens" };

    private final LimitsProperties limits;

    public MaxTokensClamp(LimitsProperties limits) {
        this.limits = limits;
    }

    @Override
    public void apply(ChatCall call) {
        limits.of(call.model()).ifPresent(limit -> {
            for (String field : FIELDS) {
                JsonNode value = call.body().get(field);
                if (value != null && value.isIntegralNumber() && value.asLong() > limit.outputTokens()) {
                    call.body().put(field, limit.outputTokens());
                    call.exchange().adjusted(field + " " + value.toString() + "→" + limit.outputTokens());
                }
            }
        });
    }
}
