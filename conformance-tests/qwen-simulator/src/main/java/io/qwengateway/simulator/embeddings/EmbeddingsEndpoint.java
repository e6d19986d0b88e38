package io.qwengateway.simulator.embeddings;

import io.qwengateway.simulator.chat.TokenEstimate;
import io.qwengateway.simulator.http.OpenAiError;
import io.qwengateway.simulator.http.Router;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.oauth.AccessGate;
import io.qwengateway.simulator.support.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /v1/embeddings} as DashScope serves it: floats only, whatever {@code encoding_format} asks (the
 * OpenAI SDKs ask for base64 by default, so a gateway must encode; this is what it has to cope with).
 */
public final class EmbeddingsEndpoint {

    public static final String PATH = "/v1/embeddings";
    public static final String DASHSCOPE_PATH = "/compatible-mode/v1/embeddings";

    static final String DEFAULT_MODEL = "text-embedding-v4";
    static final int DEFAULT_DIMENSIONS = 1024;

    private final AccessGate gate;

    public EmbeddingsEndpoint(AccessGate gate) {
        this.gate = gate;
    }

    public void registerOn(Router router) {
        router.add("POST", PATH, this::handle);
        router.add("POST", DASHSCOPE_PATH, this::handle);
    }

    private void handle(SimExchange exchange) throws IOException {
        if (!gate.admits(exchange.header("authorization"))) {
            exchange.respondJson(401, OpenAiError.INVALID_ACCESS_TOKEN);
            return;
        }
        JsonNode request;
        try {
            request = Json.parse(exchange.body());
        } catch (JacksonException e) {
            exchange.respondJson(400, OpenAiError.invalidRequest("We could not parse the JSON body of your request."));
            return;
        }
        Optional<List<String>> texts = EmbeddingInput.texts(request.path("input"));
        if (texts.isEmpty()) {
            exchange.respondJson(400, OpenAiError.body(EmbeddingInput.EXPECTED_FORMS, "invalid_request_error",
                    "input", "invalid_parameter_error"));
            return;
        }
        int dimensions = request.path("dimensions").asInt(DEFAULT_DIMENSIONS);
        if (dimensions < 1) {
            exchange.respondJson(400, OpenAiError.body("'dimensions' must be positive", "invalid_request_error",
                    "dimensions", "invalid_parameter_error"));
            return;
        }
        String model = Json.text(request.get("model"));
        exchange.respondJson(200, answer(texts.get(), dimensions, model.isEmpty() ? DEFAULT_MODEL : model));
    }

    private static ObjectNode answer(List<String> texts, int dimensions, String model) {
        ObjectNode body = Json.object();
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        int tokens = 0;
        for (int index = 0; index < texts.size(); index++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", index);
            ArrayNode embedding = item.putArray("embedding");
            for (float value : EmbeddingVectors.of(texts.get(index), dimensions)) {
                embedding.add(value);
            }
            tokens += TokenEstimate.of(texts.get(index));
        }
        body.put("model", model);
        body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return body;
    }
}
