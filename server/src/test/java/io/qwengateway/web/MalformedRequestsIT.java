package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

/** Every bad request gets OpenAI's error envelope with the right status, and never reaches Qwen. */
class MalformedRequestsIT extends GatewayIntegrationTest {

    @Test
    void unreadableJsonIsA400() {
        assertRefused(gateway.postJson("/v1/chat/completions", "{\"model\": \"coder-model\", "), 400,
                "invalid_request_error", null);
    }

    @Test
    void emptyBodyIsA400() {
        assertRefused(gateway.postJson("/v1/chat/completions", ""), 400, "invalid_request_error", null);
    }

    @Test
    void jsonThatIsNotAnObjectIsA400() {
        assertRefused(gateway.postJson("/v1/chat/completions", "[1,2]"), 400, "invalid_request_error", null);
    }

    @Test
    void missingMessagesIsA400NamingTheParameter() {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", "{\"model\":\"coder-model\"}");

        JsonNode error = assertRefused(response, 400, "invalid_request_error", null);
        assertThat(error.path("param").asString()).isEqualTo("messages");
        assertThat(error.path("message").asString()).isEqualTo("Missing required parameter: 'messages'.");
    }

    @Test
    void missingModelIsA400NamingTheParameter() {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions",
                "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(assertRefused(response, 400, "invalid_request_error", null).path("param").asString())
                .isEqualTo("model");
    }

    @Test
    void emptyMessagesIsA400() {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions",
                "{\"model\":\"coder-model\",\"messages\":[]}");

        assertThat(assertRefused(response, 400, "invalid_request_error", null).path("param").asString())
                .isEqualTo("messages");
    }

    @Test
    void wronglyTypedFieldIsA400() {
        assertRefused(gateway.postJson("/v1/chat/completions",
                "{\"model\":\"coder-model\",\"messages\":\"hello\"}"), 400, "invalid_request_error", null);
    }

    @Test
    void unknownRouteIsA404InvalidUrl() {
        HttpResponse<String> response = gateway.postJson("/v1/completions/nope", "{}");

        JsonNode error = assertRefused(response, 404, "invalid_request_error", "unknown_url");
        assertThat(error.path("message").asString()).isEqualTo("Invalid URL (POST /v1/completions/nope)");
    }

    @Test
    void wrongMethodIsA405WithAllow() {
        HttpResponse<String> response = gateway.get("/v1/chat/completions");

        assertRefused(response, 405, "invalid_request_error", "method_not_allowed");
        assertThat(response.headers().firstValue("allow")).hasValue("POST");
    }

    @Test
    void wrongContentTypeIsA415() {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/chat/completions")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"coder-model\",\"messages\":[]}")).build());

        assertRefused(response, 415, "invalid_request_error", "unsupported_media_type");
    }

    @Test
    void oversizedBodyIsA413BeforeItIsRead() {
        String huge = "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}]}";

        assertRefused(gateway.postJson("/v1/chat/completions", huge), 413, "invalid_request_error",
                "request_too_large");
    }

    @Test
    void oversizedChunkedBodyIsA413() {
        byte[] huge = ("{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "x".repeat(2 * 1024 * 1024) + "\"}]}").getBytes();
        HttpResponse<String> response = gateway.send(gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build());

        assertRefused(response, 413, "invalid_request_error", "request_too_large");
    }

    @Test
    void unknownModelIdIsA404ModelNotFound() {
        assertRefused(gateway.get("/v1/models/gpt-unknown"), 404, "invalid_request_error", "model_not_found");
    }

    private static JsonNode assertRefused(HttpResponse<String> response, int status, String type, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode error = GatewayClient.parse(response.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo(type);
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
        if (code != null) {
            assertThat(error.path("code").asString()).isEqualTo(code);
        }
        assertThat(sim.chatRequestCount()).as("nothing reached Qwen").isZero();
        return error;
    }
}
