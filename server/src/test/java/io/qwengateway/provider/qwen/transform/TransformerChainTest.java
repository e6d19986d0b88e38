package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.JSON;
import static io.qwengateway.provider.qwen.transform.ChatCalls.call;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.node.ObjectNode;

/** Everything the transformers do not own reaches the upstream exactly as the client wrote it. */
class TransformerChainTest {

    private static final List<String> UNTOUCHED = List.of("temperature", "top_p", "n", "presence_penalty", "max_tokens",
            "stop", "seed", "user", "logit_bias", "x_vendor_extension", "response_format");

    @ParameterizedTest(name = "stream={0}")
    @ValueSource(booleans = {false, true})
    void untouchedFieldsSurviveEveryTransformerInOrder(boolean stream) {
        String body = """
                {'model': 'coder-model', 'stream': %s,
                 'temperature': 0, 'top_p': 0, 'n': 1, 'presence_penalty': 0.0, 'max_tokens': 0,
                 'stop': null, 'seed': null, 'user': null, 'logit_bias': {},
                 'x_vendor_extension': {'nested': [1, null, 'a', 1.5]},
                 'messages': [{'role': 'system', 'content': 'S'},
                              {'role': 'user', 'content': [{'type': 'text', 'text': 'hi'}], 'x_part_field': 0}],
                 'tools': [],
                 'reasoning_effort': 'low',
                 'response_format': {'type': 'json_object'}}""".formatted(stream);
        ObjectNode original = json(body);
        ChatCall call = call(body);

        allTransformers().forEach(transformer -> transformer.apply(call));

        for (String field : UNTOUCHED) {
            assertThat(call.body().get(field)).as(field).isEqualTo(original.get(field));
        }
        String sent = JSON.writeValueAsString(call.body());
        assertThat(sent).contains("\"temperature\":0,", "\"top_p\":0,", "\"n\":1,", "\"presence_penalty\":0.0,",
                "\"max_tokens\":0,", "\"stop\":null", "\"seed\":null", "\"user\":null", "[1,null,\"a\",1.5]");
        assertThat(call.body().path("messages").get(1).get("x_part_field")).isEqualTo(original.at("/messages/1/x_part_field"));
        assertThat(call.body().path("reasoning_effort").asString()).isEqualTo("low");
        List<String> keptOrder = new ArrayList<>(call.body().propertyNames());
        keptOrder.retainAll(UNTOUCHED);
        assertThat(keptOrder).isEqualTo(UNTOUCHED);
    }

    /** Every transformer, flattening included, in their {@code @Order}. */
    private static List<ChatRequestTransformer> allTransformers() {
        List<ChatRequestTransformer> transformers = new ArrayList<>(List.of(new SessionMetadata(),
                new StreamUsageRequester(), new CacheControlMarker(), new TextPartsFlattener(),
                new VisionHighResolution(ChatCalls.DEFAULTS), new ReasoningEffortMapper(ChatCalls.DEFAULTS),
                new EmptyToolsRemover(), new SystemMessageMerger()));
        AnnotationAwareOrderComparator.sort(transformers);
        return transformers;
    }
}
