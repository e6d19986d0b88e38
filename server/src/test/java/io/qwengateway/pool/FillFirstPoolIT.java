package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.support.GatewayClient;
import tools.jackson.databind.JsonNode;

/**
 * Two upstreams, fill-first: {@code a} serves coder-model only and at most 2 requests a minute, {@code b} serves
 * coder-model, the embeddings model and a model of its own.
 */
class FillFirstPoolIT extends PoolIntegrationTest {

    private static final QwenSimulator A = simulator("sk-first");
    private static final QwenSimulator B = simulator("sk-second");

    @DynamicPropertySource
    static void twoUpstreams(DynamicPropertyRegistry registry) {
        common(registry);
        registry.add("gateway.pool.strategy", () -> "fill-first");
        keyUpstream(registry, 0, "a", A, "sk-first", Map.of("models[0]", "coder-model", "rpm", "2"));
        keyUpstream(registry, 1, "b", B, "sk-second", Map.of("models[0]", "coder-model",
                "models[1]", "text-embedding-v4", "models[2]", "b-only-model"));
    }

    @Test
    void requestsGoToTheFirstUpstreamAsLongAsItCanTakeThem() {
        assertOk(chat(CHAT));
        assertOk(chat(CHAT));

        assertThat(A.chatRequestCount()).isEqualTo(2);
        assertThat(B.chatRequestCount()).isZero();
    }

    @Test
    void anUpstreamAtItsRpmLimitPassesRequestsOnUntilTheNextMinute() {
        for (int i = 0; i < 5; i++) {
            assertOk(chat(CHAT));
        }
        assertThat(A.chatRequestCount()).as("a's limit").isEqualTo(2);
        assertThat(B.chatRequestCount()).isEqualTo(3);

        clock.advance(Duration.ofMinutes(1));
        assertOk(chat(CHAT));

        assertThat(A.chatRequestCount()).as("a minute later").isEqualTo(3);
    }

    @Test
    void aModelOnlyOneUpstreamServesGoesThere() {
        assertOk(chat(CHAT.replace("coder-model", "b-only-model")));

        assertThat(A.chatRequestCount()).isZero();
        assertThat(B.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void aModelNoUpstreamServesIsA404ModelNotFound() {
        HttpResponse<String> response = chat(CHAT.replace("coder-model", "qwen3-coder-flash"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(GatewayClient.parse(response.body()).path("error").path("code").asString())
                .isEqualTo("model_not_found");
        assertThat(A.chatRequestCount() + B.chatRequestCount()).isZero();
    }

    @Test
    void theModelListIsTheUnionOfWhatTheUpstreamsServe() {
        JsonNode list = GatewayClient.parse(gateway.get("/v1/models").body());

        assertThat(list.path("data").valueStream().map(model -> model.path("id").asString()))
                .containsExactly("coder-model", "text-embedding-v4", "b-only-model");
        assertThat(list.path("data").path(2).path("owned_by").asString()).isEqualTo("b");
        assertThat(gateway.get("/v1/models/qwen3-coder-flash").statusCode()).as("in the catalogue, served by none")
                .isEqualTo(404);
        assertThat(GatewayClient.parse(gateway.get("/v1/models/vision-model").body()).path("id").asString())
                .as("an alias of a served model").isEqualTo("coder-model");
    }

    @Test
    void embeddingsGoOnlyToUpstreamsThatServeTheEmbeddingsModel() {
        assertOk(gateway.postJson("/v1/embeddings", "{\"model\":\"text-embedding-v4\",\"input\":\"x\"}"));

        assertThat(A.recordedRequests("/v1/embeddings")).isEmpty();
        assertThat(B.recordedRequests("/v1/embeddings")).hasSize(1);
    }

    @Test
    void embeddingsForAModelNoUpstreamServesAreAClear400() {
        HttpResponse<String> response = gateway.postJson("/v1/embeddings",
                "{\"model\":\"text-embedding-v3\",\"input\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = GatewayClient.parse(response.body()).path("error");
        assertThat(error.path("param").asString()).isEqualTo("model");
        assertThat(error.path("message").asString()).contains("text-embedding-v3", "No upstream");
    }

    @Test
    void theStartupTableAndHealthShowModelsAndLimits() {
        JsonNode a = health("a");

        assertThat(a.path("rpm").asInt()).isEqualTo(2);
        assertThat(a.path("models").valueStream().map(JsonNode::asString)).containsExactly("coder-model");
        assertThat(UpstreamTable.of(pool)).contains("NAME", "a", "coder-model", "2", "ok")
                .doesNotContain("sk-first", "sk-second");
    }
}
