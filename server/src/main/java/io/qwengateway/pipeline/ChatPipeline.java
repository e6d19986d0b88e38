package io.qwengateway.pipeline;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.provider.qwen.transform.ChatRequestTransformer;
import io.qwengateway.errors.ApiException;
import io.qwengateway.models.ModelCatalog;
import io.qwengateway.protocol.ClientAnswer;
import io.qwengateway.streaming.EventStreamRelay;
import io.qwengateway.streaming.StreamTranslatorFactory;
import io.qwengateway.upstream.UpstreamCaller;
import io.qwengateway.upstream.UpstreamRequest;
import io.qwengateway.upstream.UpstreamResponse;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The path every client protocol shares once its request is a Chat Completions request: model aliases, the Qwen
 * adjustments, the upstream call with its retries, then the relay of a stream or the translation of a JSON answer in
 * the client's protocol ({@link ClientAnswer}). Errors before the upstream's 2xx are thrown as {@link ApiException}s,
 * which the protocol's error renderer answers.
 */
@Service
public class ChatPipeline {

    private final ModelCatalog models;
    private final List<ChatRequestTransformer> transformers;
    private final UpstreamCaller upstream;
    private final EventStreamRelay streamRelay;
    private final StreamTranslatorFactory translators;
    private final ObjectMapper json;

    public ChatPipeline(ModelCatalog models, List<ChatRequestTransformer> transformers, UpstreamCaller upstream,
            EventStreamRelay streamRelay, StreamTranslatorFactory translators, ObjectMapper json) {
        this.models = models;
        this.transformers = transformers;
        this.upstream = upstream;
        this.streamRelay = streamRelay;
        this.translators = translators;
        this.json = json;
    }

    /** @param chat the upstream chat request as the protocol translated it; adjusted in place and sent */
    public ResponseEntity<Object> serve(ObjectNode chat, ClientAnswer answer) {
        ChatCall call = prepare(chat);
        UpstreamResponse response = upstream.call(
                new UpstreamRequest("/chat/completions", json.writeValueAsBytes(chat), call.streaming())
                        .routedBy(RequestRouting.of(chat, call.model())));
        if (call.streaming()) {
            return streamRelay.relay(response, translators.forClient(answer.stream(call)));
        }
        return answer.json(response, call);
    }

    /** Resolves the model and applies the Qwen adjustments. */
    ChatCall prepare(ObjectNode chat) {
        JsonNode requested = chat.get("model");
        if (requested == null || !requested.isString()) {
            throw ApiException.invalidRequest("Missing required parameter: 'model'.", "model");
        }
        String model = models.resolve(requested.asString());
        chat.put("model", model);
        ChatCall call = ChatCall.of(chat, model, CurrentRequest.id());
        transformers.forEach(transformer -> transformer.apply(call));
        return call;
    }
}
