package io.qwengateway.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.EmbeddingsApiDelegate;
import io.qwengateway.api.model.CreateEmbeddingRequest;
import io.qwengateway.errors.ApiException;
import io.qwengateway.models.ModelCatalog;
import io.qwengateway.pipeline.RequestRouting;
import io.qwengateway.pool.Routing;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.observe.Exchange;
import io.qwengateway.observe.Exchanges;
import io.qwengateway.observe.UpstreamNames;
import io.qwengateway.observe.UsageReader;
import io.qwengateway.tokens.TokenEstimate;
import io.qwengateway.tokens.TokenEstimator;
import io.qwengateway.upstream.JsonPassThrough;
import io.qwengateway.upstream.UpstreamCaller;
import io.qwengateway.upstream.UpstreamRequest;
import io.qwengateway.upstream.UpstreamResponse;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/embeddings}, through the pool: to the upstreams that serve the embeddings model, a batch larger
 * than {@code gateway.embeddings.max-inputs-per-call} (DashScope: 10) split into several calls and joined in order
 * ({@link EmbeddingBatches}). Qwen answers floats only, while the OpenAI SDKs ask for base64 by default (and the Node
 * SDK returns an empty array when given floats): for those clients the upstream is asked for floats and the gateway
 * encodes them. Its facts go to the operator's observers like every chat request's ({@link Exchanges}).
 */
@Service
public class EmbeddingsDelegate implements EmbeddingsApiDelegate {

    private static final Set<String> FORMATS = Set.of("float", "base64");
    private static final String PATH = "/embeddings";

    private final ModelCatalog models;
    private final UpstreamPool pool;
    private final UpstreamCaller upstream;
    private final JsonPassThrough jsonPassThrough;
    private final EmbeddingsProperties properties;
    private final ObjectMapper json;
    private final TokenEstimator tokens;
    private final Exchanges exchanges;
    private final UpstreamNames upstreamNames;
    private final UsageReader usage;

    public EmbeddingsDelegate(ModelCatalog models, UpstreamPool pool, UpstreamCaller upstream,
            JsonPassThrough jsonPassThrough, EmbeddingsProperties properties, ObjectMapper json, TokenEstimator tokens,
            Exchanges exchanges, UpstreamNames upstreamNames, UsageReader usage) {
        this.models = models;
        this.pool = pool;
        this.upstream = upstream;
        this.jsonPassThrough = jsonPassThrough;
        this.properties = properties;
        this.json = json;
        this.tokens = tokens;
        this.exchanges = exchanges;
        this.upstreamNames = upstreamNames;
        this.usage = usage;
    }

    @Override
    public ResponseEntity<Object> createEmbedding(CreateEmbeddingRequest request) {
        Exchange exchange = exchanges.start();
        try {
            ResponseEntity<Object> answer = embed(request, exchange);
            exchange.clientAnswer(answer.getBody());
            exchange.answered(answer.getStatusCode().value());
            return answer;
        } catch (RuntimeException e) {
            exchange.failed(e);
            throw e;
        }
    }

    private ResponseEntity<Object> embed(CreateEmbeddingRequest request, Exchange exchange) {
        ObjectNode body = CurrentRequest.jsonBody();
        checkInput(body.get("input"));
        String format = request.getEncodingFormat();
        if (format != null && !FORMATS.contains(format)) {
            throw ApiException.invalidRequest("Invalid 'encoding_format': '" + format
                    + "'. Expected 'float' or 'base64'.", "encoding_format");
        }
        String model = models.resolve(request.getModel());
        if (!pool.serves(model)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "model_not_found", "model",
                    "No upstream of this gateway serves the embeddings model '" + model + "': list it in the models "
                            + "of an upstream that has embeddings (a DashScope key serves text-embedding-v4).", null);
        }
        body.put("model", model);
        exchange.model(model, false);
        TokenEstimate estimate = tokens.estimateEmbedding(body.get("input"), model);
        exchange.estimated(estimate.raw(), estimate.corrected());
        boolean base64 = "base64".equals(format);
        if (base64) {
            body.put("encoding_format", "float");
        }
        Routing routing = RequestRouting.of(body, model);
        List<ObjectNode> parts = EmbeddingBatches.split(body, properties.maxInputsPerCall());
        byte[] upstreamAnswer;
        if (parts.size() == 1) {
            upstreamAnswer = embed(body, routing, exchange); // passed on byte for byte unless it has to be encoded
        } else {
            List<ObjectNode> answers = new ArrayList<>();
            for (ObjectNode part : parts) {
                answers.add((ObjectNode) json.readTree(embed(part, routing, exchange)));
            }
            upstreamAnswer = json.writeValueAsBytes(EmbeddingBatches.join(answers));
        }
        exchange.upstreamAnswered(upstreamAnswer, usage.read(upstreamAnswer));
        byte[] answer = upstreamAnswer;
        if (base64) {
            answer = encoded((ObjectNode) json.readTree(upstreamAnswer));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    /** One upstream call; with a batch split in several, the exchange keeps the last one sent. */
    private byte[] embed(ObjectNode request, Routing routing, Exchange exchange) {
        byte[] sent = json.writeValueAsBytes(request);
        exchange.sendingUpstream(PATH, sent);
        UpstreamResponse response = upstream.call(new UpstreamRequest(PATH, sent, false).routedBy(routing));
        exchange.upstream(upstreamNames.of(response));
        return jsonPassThrough.read(response);
    }

    private byte[] encoded(ObjectNode answer) {
        Base64Embeddings.encodeInPlace(answer);
        return json.writeValueAsBytes(answer);
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
