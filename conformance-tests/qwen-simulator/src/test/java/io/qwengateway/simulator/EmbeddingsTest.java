package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingsTest extends SimulatorTestBase {

    private JsonNode embed(String requestJson) {
        HttpResponse<String> response = http.postJson("/v1/embeddings", token, requestJson);
        assertEquals(200, response.statusCode(), response.body());
        return TestHttp.json(response);
    }

    private static double length(JsonNode vector) {
        double squares = 0;
        for (JsonNode value : vector) {
            squares += value.asDouble() * value.asDouble();
        }
        return Math.sqrt(squares);
    }

    @Test
    void answersFloatsEvenWhenBase64IsRequested() {
        JsonNode answer = embed("{\"model\":\"text-embedding-v4\",\"input\":\"hello\",\"encoding_format\":\"base64\"}");

        assertEquals("list", answer.path("object").stringValue());
        JsonNode item = answer.path("data").path(0);
        assertEquals("embedding", item.path("object").stringValue());
        assertEquals(0, item.path("index").asInt());
        assertTrue(item.path("embedding").isArray());
        assertTrue(item.path("embedding").path(0).isNumber());
        assertEquals(1024, item.path("embedding").size());
        assertEquals("text-embedding-v4", answer.path("model").stringValue());
        assertEquals(2, answer.path("usage").path("prompt_tokens").asInt());
        assertEquals(2, answer.path("usage").path("total_tokens").asInt());
    }

    @Test
    void vectorsAreUnitLengthDeterministicAndDifferPerText() {
        JsonNode first = embed("{\"model\":\"m\",\"input\":[\"alpha\",\"beta\"],\"dimensions\":64}");
        JsonNode again = embed("{\"model\":\"m\",\"input\":\"alpha\",\"dimensions\":64}");

        JsonNode alpha = first.path("data").path(0).path("embedding");
        JsonNode beta = first.path("data").path(1).path("embedding");
        assertEquals(64, alpha.size());
        assertEquals(1.0, length(alpha), 1e-5);
        assertEquals(alpha, again.path("data").path(0).path("embedding"));
        assertNotEquals(alpha, beta);
        assertEquals(1, first.path("data").path(1).path("index").asInt());
    }

    @Test
    void tokenArraysAreEmbeddedAsTheTextOfTheirNumbers() {
        JsonNode tokens = embed("{\"model\":\"m\",\"input\":[[1,2,3],[4]],\"dimensions\":8}");
        JsonNode text = embed("{\"model\":\"m\",\"input\":\"1 2 3\",\"dimensions\":8}");

        assertEquals(2, tokens.path("data").size());
        assertEquals(text.path("data").path(0).path("embedding"), tokens.path("data").path(0).path("embedding"));
    }

    @Test
    void missingInputIsA400InOpenAiShape() {
        HttpResponse<String> response = http.postJson("/v1/embeddings", token, "{\"model\":\"m\"}");

        assertEquals(400, response.statusCode());
        assertEquals("input", TestHttp.json(response).path("error").path("param").stringValue());
    }

    @Test
    void embeddingsNeedAValidToken() {
        assertEquals(401, http.postJson("/v1/embeddings", "nope", "{\"model\":\"m\",\"input\":\"x\"}").statusCode());
    }
}
