package io.qwengateway.tokens;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.qwengateway.errors.ApiException;
import io.qwengateway.observe.Exchange;

/**
 * The pipeline's step after the Qwen adjustments: a request whose estimated input cannot fit its model's input limit
 * is refused with OpenAI's {@code context_length_exceeded} (Anthropic clients get their envelope's equivalent) before
 * anything is sent; one above the soft limit goes on, with a warning on its request line.
 */
@Component
public class ContextWindow {

    private final LimitsProperties limits;

    public ContextWindow(LimitsProperties limits) {
        this.limits = limits;
    }

    public void check(String model, TokenEstimate estimate, Exchange exchange) {
        long tokens = estimate.corrected();
        if (limits.contextCheck()) {
            limits.of(model).filter(limit -> tokens > limit.inputTokens()).ifPresent(limit -> {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "context_length_exceeded",
                        "messages", "This model's maximum context length is " + limit.inputTokens() + " tokens. "
                                + "However, your messages resulted in about " + tokens + " tokens (the gateway's "
                                + "estimate). Please reduce the length of the messages.", null);
            });
        }
        if (limits.softInputTokens() > 0 && tokens > limits.softInputTokens()) {
            exchange.warn("input ~" + tokens + " tokens is above the soft limit of " + limits.softInputTokens()
                    + " (gateway.limits.soft-input-tokens), where Qwen tends to time out");
        }
    }
}
