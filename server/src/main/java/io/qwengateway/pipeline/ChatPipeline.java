package io.qwengateway.pipeline;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.errors.ApiException;
import io.qwengateway.models.ModelCatalog;
import io.qwengateway.observe.Exchange;
import io.qwengateway.observe.Exchanges;
import io.qwengateway.observe.UpstreamNames;
import io.qwengateway.observe.UsageReader;
import io.qwengateway.protocol.ClientAnswer;
import io.qwengateway.provider.qwen.transform.ChatRequestTransformer;
import io.qwengateway.streaming.EventStreamRelay;
import io.qwengateway.streaming.StreamTranslatorFactory;
import io.qwengateway.tokens.ContextWindow;
import io.qwengateway.tokens.InputTokens;
import io.qwengateway.tokens.TokenEstimate;
import io.qwengateway.tokens.TokenEstimator;
import io.qwengateway.upstream.JsonPassThrough;
import io.qwengateway.upstream.UpstreamCaller;
import io.qwengateway.upstream.UpstreamRequest;
import io.qwengateway.upstream.UpstreamResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The path every client protocol shares once its request is a Chat Completions request: model aliases, the Qwen
 * adjustments, the input token estimate and the context check, the upstream call with its retries, then the relay of
 * a stream or the translation of a JSON answer in the client's protocol ({@link ClientAnswer}). Errors before the
 * upstream's 2xx are thrown as {@link ApiException}s, which the protocol's error renderer answers. Each request's
 * facts go to the operator's observers through its {@link Exchange}, whatever the protocol.
 */
@Service
public class ChatPipeline {

    private static final String PATH = "/chat/completions";

    private final ModelCatalog models;
    private final List<ChatRequestTransformer> transformers;
    private final TokenEstimator tokens;
    private final ContextWindow contextWindow;
    private final UpstreamCaller upstream;
    private final EventStreamRelay streamRelay;
    private final StreamTranslatorFactory translators;
    private final JsonPassThrough jsonPassThrough;
    private final Exchanges exchanges;
    private final UpstreamNames upstreamNames;
    private final UsageReader usage;
    private final ObjectMapper json;

    public ChatPipeline(ModelCatalog models, List<ChatRequestTransformer> transformers, TokenEstimator tokens,
            ContextWindow contextWindow, UpstreamCaller upstream, EventStreamRelay streamRelay,
            StreamTranslatorFactory translators, JsonPassThrough jsonPassThrough, Exchanges exchanges,
            UpstreamNames upstreamNames, UsageReader usage, ObjectMapper json) {
        this.models = models;
        this.transformers = transformers;
        this.tokens = tokens;
        this.contextWindow = contextWindow;
        this.upstream = upstream;
        this.streamRelay = streamRelay;
        this.translators = translators;
        this.jsonPassThrough = jsonPassThrough;
        this.exchanges = exchanges;
        this.upstreamNames = upstreamNames;
        this.usage = usage;
        this.json = json;
    }

    /** @param chat the upstream chat request as the protocol translated it; adjusted in place and sent */
    public ResponseEntity<Object> serve(ObjectNode chat, ClientAnswer answer) {
        Exchange exchange = exchanges.start();
        InputTokens input = null;
        boolean sent = false;
        try {
            ChatCall call = prepare(chat, exchange);
            input = tokens.begin(chat);
            if (input.isCounted()) {
                // Before the check, so that a refused request's line has it too.
                exchange.estimated(input.counted().raw(), input.counted().corrected());
            }
            contextWindow.refuseAboveLimit(call.model(), input);
            if (input.isCounted()) {
                estimated(input.counted(), exchange);
            }
            byte[] body = json.writeValueAsBytes(chat);
            exchange.sendingUpstream(PATH, body);
            sent = true;
            UpstreamResponse response = upstream.call(new UpstreamRequest(PATH, body, call.streaming())
                    .routedBy(RequestRouting.of(chat, call.model())));
            exchange.upstream(upstreamNames.of(response));
            if (exchange.estimatedTokens() < 0) {
                // Long new texts were counted while the request went upstream: by now, as a rule, long done.
                estimated(input.counted(), exchange);
            }
            if (call.streaming()) {
                return streamRelay.relay(response, translators.forClient(answer.stream(call), exchange), exchange);
            }
            byte[] completion = jsonPassThrough.read(response);
            exchange.upstreamAnswered(completion, usage.read(completion));
            ResponseEntity<Object> result = answer.json(completion, call);
            exchange.clientAnswer(result.getBody());
            exchange.answered(result.getStatusCode().value());
            return result;
        } catch (RuntimeException e) {
            if (input != null && exchange.estimatedTokens() < 0) {
                // A request that went upstream keeps its soft-limit warning, the likely reason for a timeout.
                boolean went = sent;
                input.countedUnlessFailed().ifPresent(counted -> {
                    if (went) {
                        estimated(counted, exchange);
                    } else {
                        exchange.estimated(counted.raw(), counted.corrected());
                    }
                });
            }
            exchange.failed(e);
            throw e;
        }
    }

    /** The request line's estimate, and its warning above the soft limit. */
    private void estimated(TokenEstimate counted, Exchange exchange) {
        exchange.estimated(counted.raw(), counted.corrected());
        contextWindow.warnAboveSoftLimit(counted, exchange);
    }

    /** Resolves the model and applies the Qwen adjustments. */
    ChatCall prepare(ObjectNode chat, Exchange exchange) {
        JsonNode requested = chat.get("model");
        if (requested == null || !requested.isString()) {
            throw ApiException.invalidRequest("Missing required parameter: 'model'.", "model");
        }
        String model = models.resolve(requested.asString());
        chat.put("model", model);
        ChatCall call = ChatCall.of(chat, model, exchange);
        exchange.model(model, call.streaming());
        transformers.forEach(transformer -> transformer.apply(call));
        return call;
    }
}
