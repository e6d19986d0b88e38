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

    /**
     * Refuses a request that cannot fit its model's input limit. Its upper bound decides when it fits; otherwise the
     * count does, waited for if it is still being made.
     */
    public void refuseAboveLimit(String model, InputTokens input) {
        if (!limits.contextCheck()) {
            return;
        }
        limits.of(model).filter(limit -> input.atMost().corrected() > limit.inputTokens()).ifPresent(limit -> {
            long tokens = input.counted().corrected();
            if (tokens > limit.inputTokens()) {
                throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "context_length_exceeded",
                        "messages", "This model's maximum context length is " + limit.inputTokens() + " tokens. "
                                + "However, your messages resulted in about " + tokens + " tokens (the gateway's "
                                + "estimate). Please reduce the length of the messages.", null);
            }
        });
    }

    /** A request above the soft limit goes on, with a warning on its request line. */
    public void warnAboveSoftLimit(TokenEstimate counted, Exchange exchange) {
        long tokens = counted.corrected();
        if (limits.softInputTokens() > 0 && tokens > limits.softInputTokens()) {
            exchange.warn("input ~" + tokens + " tokens is above the soft limit of " + limits.softInputTokens()
                    + " (gateway.limits.soft-input-tokens), where Qwen tends to time out");
        }
    }
}
