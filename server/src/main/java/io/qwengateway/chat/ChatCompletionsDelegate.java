package io.qwengateway.chat;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.ChatApiDelegate;
import io.qwengateway.api.model.CreateChatCompletionRequest;
import io.qwengateway.chat.transform.ChatRequestTransformer;
import io.qwengateway.models.ModelCatalog;
import io.qwengateway.streaming.EventStreamRelay;
import io.qwengateway.streaming.StreamTranslatorFactory;
import io.qwengateway.upstream.JsonPassThrough;
import io.qwengateway.upstream.UpstreamCaller;
import io.qwengateway.upstream.UpstreamRequest;
import io.qwengateway.upstream.UpstreamResponse;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/chat/completions}. The contract has validated the request; what goes upstream is the client's own
 * JSON, with aliases resolved and the Qwen adjustments applied. Both paths share everything up to the upstream's 2xx;
 * then a JSON answer is passed through and a stream is relayed.
 */
@Service
public class ChatCompletionsDelegate implements ChatApiDelegate {

    private final ModelCatalog models;
    private final List<ChatRequestTransformer> transformers;
    private final UpstreamCaller upstream;
    private final JsonPassThrough jsonPassThrough;
    private final EventStreamRelay streamRelay;
    private final StreamTranslatorFactory translators;
    private final ObjectMapper json;

    public ChatCompletionsDelegate(ModelCatalog models, List<ChatRequestTransformer> transformers,
            UpstreamCaller upstream, JsonPassThrough jsonPassThrough, EventStreamRelay streamRelay,
            StreamTranslatorFactory translators, ObjectMapper json) {
        this.models = models;
        this.transformers = transformers;
        this.upstream = upstream;
        this.jsonPassThrough = jsonPassThrough;
        this.streamRelay = streamRelay;
        this.translators = translators;
        this.json = json;
    }

    @Override
    public ResponseEntity<Object> createChatCompletion(CreateChatCompletionRequest request) {
        ObjectNode body = CurrentRequest.jsonBody();
        String model = models.resolve(request.getModel());
        body.put("model", model);
        ChatCall call = ChatCall.of(body, model, CurrentRequest.id());
        transformers.forEach(transformer -> transformer.apply(call));

        UpstreamResponse response = upstream.call(
                new UpstreamRequest("/chat/completions", json.writeValueAsBytes(body), call.streaming()));
        if (call.streaming()) {
            return streamRelay.relay(response, translators.forClient(call.clientWantsUsage()));
        }
        return jsonPassThrough.toResponse(response);
    }
}
