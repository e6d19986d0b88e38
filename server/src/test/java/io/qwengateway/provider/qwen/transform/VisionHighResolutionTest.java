package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.call;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.node.ObjectNode;

class VisionHighResolutionTest {

    private final VisionHighResolution vision = new VisionHighResolution(ChatCalls.DEFAULTS);

    @ParameterizedTest
    @ValueSource(strings = {"coder-model", "qwen-vl-max", "qwen-vl-plus-latest", "qwen3-vl-plus", "qwen3-vl-plus-2025-09-23",
            "qwen3.5-plus", "qwen3.5-plus-preview"})
    void visionModelsAreAskedForHighResolutionImages(String model) {
        assertThat(appliedFor(model, "{'messages': []}"))
                .isEqualTo(json("{'messages': [], 'vl_high_resolution_images': true}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen3-coder-plus", "qwen3-coder-flash", "coder-model-2", "my-coder-model", "qwen3x5-plus",
            "qwen-max"})
    void otherModelsAreLeftAlone(String model) {
        assertThat(appliedFor(model, "{'messages': []}")).isEqualTo(json("{'messages': []}"));
    }

    @Test
    void theClientsOwnChoiceIsKept() {
        String body = "{'vl_high_resolution_images': false}";

        assertThat(appliedFor("coder-model", body)).isEqualTo(json(body));
    }

    private ObjectNode appliedFor(String model, String body) {
        ChatCall call = call(body, model);
        vision.apply(call);
        return call.body();
    }
}
