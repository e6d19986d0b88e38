package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Models, embeddings, and the contract served to Swagger UI. */
class CatalogueAndDocsIT extends GatewayIntegrationTest {

    @Test
    void modelsListTheConfiguredCatalogue() {
        JsonNode list = GatewayClient.parse(gateway.get("/v1/models").body());

        assertThat(list.path("object").asString()).isEqualTo("list");
        assertThat(list.path("data").valueStream().map(m -> m.path("id").asString()))
                .containsExactly("coder-model", "qwen3-coder-plus", "qwen3-coder-flash");
        assertThat(list.path("data")).allSatisfy(model -> {
            assertThat(model.path("object").asString()).isEqualTo("model");
            assertThat(model.path("owned_by").asString()).isNotBlank();
            assertThat(model.path("created").isIntegralNumber()).isTrue();
        });
    }

    @Test
    void aModelCanBeRetrievedByIdOrAlias() {
        JsonNode model = GatewayClient.parse(gateway.get("/v1/models/qwen3-coder-plus").body());
        assertThat(model.path("id").asString()).isEqualTo("qwen3-coder-plus");

        JsonNode aliased = GatewayClient.parse(gateway.get("/v1/models/vision-model").body());
        assertThat(aliased.path("id").asString()).isEqualTo("coder-model");
    }

    @Test
    void embeddingsAskedInBase64AreEncodedFromQwensFloats() {
        String request = "{\"model\":\"text-embedding-v4\",\"input\":[\"a\",\"b\"],\"encoding_format\":\"base64\",\"dimensions\":8}";

        HttpResponse<String> response = gateway.postJson("/v1/embeddings", request);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = GatewayClient.parse(response.body());
        assertThat(answer.path("data")).hasSize(2);
        JsonNode upstream = sim.recordedRequests("/v1/embeddings").get(0).jsonBody();
        assertThat(upstream.path("encoding_format").asString()).isEqualTo("float");
        assertThat(upstream.path("dimensions").asInt()).isEqualTo(8);

        // Ask again for floats: the base64 bytes must decode to exactly those floats.
        JsonNode floats = GatewayClient.parse(gateway.postJson("/v1/embeddings",
                request.replace("\"base64\"", "\"float\"")).body());
        for (int i = 0; i < 2; i++) {
            byte[] bytes = Base64.getDecoder().decode(answer.path("data").path(i).path("embedding").asString());
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            JsonNode expected = floats.path("data").path(i).path("embedding");
            assertThat(bytes).hasSize(expected.size() * 4);
            for (JsonNode value : expected) {
                assertThat(buffer.getFloat()).isEqualTo(value.floatValue());
            }
        }
    }

    @Test
    void embeddingsWithAnUnknownEncodingAreA400() {
        HttpResponse<String> response = gateway.postJson("/v1/embeddings",
                "{\"model\":\"text-embedding-v4\",\"input\":\"a\",\"encoding_format\":\"int8\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.parse(response.body()).path("error").path("param").asString())
                .isEqualTo("encoding_format");
    }

    @Test
    void theContractItselfIsServedForSwaggerUi() {
        JsonNode contract = GatewayClient.parse(gateway.get("/v3/api-docs").body());
        assertThat(contract.path("paths").has("/v1/chat/completions")).isTrue();
        assertThat(contract.path("components").path("schemas").has("CreateChatCompletionRequest")).isTrue();

        HttpResponse<String> ui = gateway.get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(gateway.get("/v3/api-docs.yaml").body()).startsWith("openapi: 3.0.3");
    }

    @Test
    void theServedContractNamesTheGatewayItCameFromAndNoFixedAddress() {
        String body = gateway.get("/v3/api-docs").body();

        assertThat(body).doesNotContain("localhost:8080");
        assertThat(GatewayClient.parse(body).path("servers").path(0).path("url").asString())
                .isEqualTo(gateway.baseUrl());
    }

    @Test
    void everyPostOperationHasNamedExamplesForTryItOut() {
        JsonNode paths = GatewayClient.parse(gateway.get("/v3/api-docs").body()).path("paths");

        List<String> posts = paths.propertyStream().filter(path -> path.getValue().has("post"))
                .map(Map.Entry::getKey).toList();
        assertThat(posts).contains("/v1/chat/completions", "/v1/embeddings", "/auth/initiate", "/auth/poll");
        assertThat(posts).allSatisfy(path -> assertThat(examples(paths, path).size()).as(path).isPositive());
        assertThat(examples(paths, "/v1/chat/completions").propertyNames())
                .contains("chat", "stream", "tool_call", "image");
    }

    @Test
    void everyModelApiExampleIsARequestQwenAnswers() {
        JsonNode paths = GatewayClient.parse(gateway.get("/v3/api-docs").body()).path("paths");

        for (String path : List.of("/v1/chat/completions", "/v1/embeddings")) {
            examples(paths, path).propertyStream().forEach(example -> {
                JsonNode request = example.getValue().path("value");
                HttpResponse<String> response = request.path("stream").asBoolean()
                        ? gateway.postStream(path, request.toString())
                        : gateway.postJson(path, request.toString());
                assertThat(response.statusCode()).as(example.getKey() + ": " + response.body()).isEqualTo(200);
                if (request.path("stream").asBoolean()) {
                    assertThat(response.body()).as(example.getKey()).contains("data: [DONE]");
                }
                if (!request.path("tools").isEmpty()) {
                    assertThat(response.body()).as(example.getKey()).contains("\"tool_calls\"");
                }
            });
        }
    }

    @Test
    void theGatewaysAddressOpensSwaggerUi() {
        HttpResponse<String> root = gateway.get("/");

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValue("/swagger-ui/index.html");
    }

    private static JsonNode examples(JsonNode paths, String path) {
        return paths.path(path).path("post").path("requestBody").path("content").path("application/json")
                .path("examples");
    }
}
