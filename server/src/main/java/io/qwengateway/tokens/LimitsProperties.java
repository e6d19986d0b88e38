package io.qwengateway.tokens;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

/**
 * The models' context limits: {@code gateway.limits.*}.
 *
 * @param contextCheck     refuse a request whose estimate exceeds its model's input limit before sending it
 * @param softInputTokens  above this estimate the request line warns (Qwen tends to answer 504 "stream timeout"
 *                         from 130k-150k tokens of context); 0: no warning
 * @param models           per upstream model (aliases resolved): its input and output limits; models not listed
 *                         are neither checked nor clamped
 */
@Validated
@ConfigurationProperties("gateway.limits")
public record LimitsProperties(boolean contextCheck, @Min(0) long softInputTokens,
        Map<String, @Valid ModelLimit> models) {

    public LimitsProperties {
        models = models == null ? Map.of() : Map.copyOf(models);
    }

    public Optional<ModelLimit> of(String model) {
        return Optional.ofNullable(model == null ? null : models.get(model));
    }

    /**
     * @param inputTokens  the most input tokens the model takes
     * @param outputTokens the most tokens it generates; {@code max_tokens} above it is clamped
     */
    public record ModelLimit(@Min(1) long inputTokens, @Min(1) long outputTokens) {
    }
}
