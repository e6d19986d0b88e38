package io.qwengateway.provider.qwen.transform;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.qwengateway.pipeline.ChatCall;

/**
 * The qwen-code CLI asks vision-capable models to read images at high resolution
 * ({@code vl_high_resolution_images: true}); the gateway does the same unless the client chose otherwise.
 */
@Component
@Order(40)
@ConditionalOnBooleanProperty(name = "gateway.transforms.vision-high-resolution.enabled", matchIfMissing = true)
public class VisionHighResolution implements ChatRequestTransformer {

    private final List<Pattern> visionModels;

    public VisionHighResolution(TransformProperties properties) {
        this.visionModels = properties.visionModelPatterns().stream().map(Pattern::compile).toList();
    }

    @Override
    public void apply(ChatCall call) {
        if (call.body().has("vl_high_resolution_images")) {
            return;
        }
        if (visionModels.stream().anyMatch(pattern -> pattern.matcher(call.model()).matches())) {
            call.body().put("vl_high_resolution_images", true);
        }
    }
}
