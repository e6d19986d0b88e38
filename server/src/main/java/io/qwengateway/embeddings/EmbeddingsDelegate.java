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
        String format = request.getEncodingFormat();
        if (format != null && !FORMATS.contains(format)) {
            throw ApiException.invalidRequest("Invalid 'encoding_format': '" + format
                    + "'. Expected 'float' or 'base64'.", "encoding_format");
        }
        ObjectNode body = CurrentRequest.jsonBody();
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
}
