package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.applied;
import static io.qwengateway.provider.qwen.transform.ChatCalls.call;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.qwengateway.pipeline.ChatCall;
import tools.jackson.databind.JsonNode;

class SessionMetadataTest {

    private final SessionMetadata metadata = new SessionMetadata();

    @Test
    void addsTheSessionIdAndTheRequestIdAsPromptId() {
        ChatCall call = ChatCall.of(json("{'model': 'm'}"), "m", "req_42");

        metadata.apply(call);

        JsonNode added = call.body().path("metadata");
        assertThat(added.path("promptId").asString()).isEqualTo("req_42");
        assertThat(UUID.fromString(added.path("sessionId").asString())).isNotNull();
        assertThat(added.size()).isEqualTo(2);
    }

    @Test
    void theSessionIdStaysTheSameAcrossRequests() {
        String first = applied(metadata, "{}").path("metadata").path("sessionId").asString();
        String second = applied(metadata, "{}").path("metadata").path("sessionId").asString();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void keysTheClientSetAreKept() {
        ChatCall call = call("{'metadata': {'user': 'ann', 'sessionId': 'mine', 'promptId': 'p1'}}");

        metadata.apply(call);

        assertThat(call.body()).isEqualTo(json("{'metadata': {'user': 'ann', 'sessionId': 'mine', 'promptId': 'p1'}}"));
    }

    @Test
    void aClientObjectWithOtherKeysGetsOursBesideThem() {
        JsonNode result = applied(metadata, "{'metadata': {'user': 'ann'}}").path("metadata");

        assertThat(result.path("user").asString()).isEqualTo("ann");
        assertThat(result.has("sessionId")).isTrue();
        assertThat(result.path("promptId").asString()).isEqualTo("req_test");
    }

    @Test
    void metadataThatIsNotAnObjectIsLeftForTheUpstreamToJudge() {
        String body = "{'metadata': 'oops'}";

        assertThat(applied(metadata, body)).isEqualTo(json(body));
    }
}
