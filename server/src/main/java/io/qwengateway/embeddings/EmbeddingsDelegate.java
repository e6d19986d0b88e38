package io.qwengateway.embeddings;

import java.util.Set;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.EmbeddingsApiDelegate;
import io.qwengateway.api.model.CreateEmbeddingRequest;
import io.qwengateway.errors.ApiException;
import io.qwengateway.models.ModelCatalog;
import io.qwengateway.upstream.JsonPassThrough;
import io.qwengateway.upstream.UpstreamCaller;
import io.qwengateway.upstream.UpstreamRequest;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/embeddings}. Qwen answers floats only, while the OpenAI SDKs ask for base64 by default (and the Node
 * SDK returns an empty array when given floats): for those clients the upstream is asked for floats and the gateway
 * encodes them.
 */
@Service
public class EmbeddingsDelegate implements EmbeddingsApiDelegate {

    private static final Set<String> FORMATS = Set.of("float", "base64");

    private final ModelCatalog models;
    private final UpstreamCaller upstream;
    private final JsonPassThrough jsonPassThrough;
    private final ObjectMapper json;

    public EmbeddingsDelegate(ModelCatalog models, UpstreamCaller upstream, JsonPassThrough jsonPassThrough,
            ObjectMapper json) {
        this.models = models;
        this.upstream = upstream;
        this.jsonPassThrough = jsonPassThrough;
        this.json = json;
    }

    @Override
    public ResponseEntity<Object> createEmbedding(CreateEmbeddingRequest request) {
        ObjectNode body = CurrentRequest.jsonBody();
        checkInput(body.get("input"));
        String format = request.getEncodingFormat();
        if (format != null && !FORMATS.contains(format)) {
            throw ApiException.invalidRequest("Invalid 'encoding_format': '" + format
                    + "'. Expected 'float' or 'base64'.", "encoding_format");
        }
        body.put("model", models.resolve(request.getModel()));
        boolean base64 = "base64".equals(format);
        if (base64) {
            body.put("encoding_format", "float");
        }
        byte[] answer = jsonPassThrough.read(
                upstream.call(new UpstreamRequest("/embeddings", json.writeValueAsBytes(body), false)));
        if (base64) {
            ObjectNode tree = (ObjectNode) json.readTree(answer);
            Base64Embeddings.encodeInPlace(tree);
            answer = json.writeValueAsBytes(tree);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    /**
     * {@code input} has no single JSON type, so the contract cannot check it: a string, or a non-empty array of
     * strings, of integers (tokens) or of integer arrays, as OpenAI accepts.
     */
    private static void checkInput(JsonNode input) {
        if (input == null || input.isNull()) {
            throw ApiException.invalidRequest("Missing required parameter: 'input'.", "input");
        }
        if (input.isString()) {
            return;
        }
        if (!input.isArray()) {
            throw ApiException.invalidRequest("Invalid type for 'input': expected a string or an array, but got "
                    + (input.isNumber() ? "a number" : input.isBoolean() ? "a boolean" : "an object") + " instead.",
                    "input");
        }
        if (input.isEmpty()) {
            throw ApiException.invalidRequest("'input' must contain at least one item.", "input");
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            boolean tokens = item.isArray() && !item.isEmpty() && item.valueStream().allMatch(JsonNode::isIntegralNumber);
            if (!item.isString() && !item.isIntegralNumber() && !tokens) {
                throw ApiException.invalidRequest("Invalid type for 'input[" + i + "]': expected a string, an "
                        + "integer token or an array of integer tokens.", "input[" + i + "]");
            }
        }
    }
}
