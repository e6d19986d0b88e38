package io.qwengateway.provider.qwen.transform;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * Switches and settings of the Qwen request adjustments: {@code gateway.transforms.*}. Each adjustment is also
 * switched by {@code gateway.transforms.<name>.enabled}, read by the bean's own condition.
 *
 * @param visionModelPatterns models that take {@code vl_high_resolution_images} (regular expressions)
 * @param thinkingBudgets     {@code reasoning_effort} value to Qwen {@code thinking_budget}; efforts not listed
 *                            turn thinking on without a budget, {@code none} turns it off
 */
@Validated
@ConfigurationProperties("gateway.transforms")
public record TransformProperties(List<String> visionModelPatterns, Map<String, @Min(0) Integer> thinkingBudgets) {

    public TransformProperties {
        visionModelPatterns = visionModelPatterns == null ? List.of() : List.copyOf(visionModelPatterns);
        thinkingBudgets = thinkingBudgets == null ? Map.of() : Map.copyOf(thinkingBudgets);
    }
}
