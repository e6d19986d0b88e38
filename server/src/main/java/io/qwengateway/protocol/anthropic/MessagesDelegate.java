package io.qwengateway.protocol.anthropic;

import java.util.concurrent.ThreadLocalRandom;
import java.util.HexFormat;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.MessagesApiDelegate;
import io.qwengateway.api.model.CountTokensRequest;
import io.qwengateway.api.model.CreateMessageRequest;
import io.qwengateway.pipeline.ChatCall;
import io.qwengateway.pipeline.ChatPipeline;
import io.qwengateway.tokens.TokenEstimator;
import io.qwengateway.protocol.ChatOutput;
import io.qwengateway.protocol.ClientAnswer;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/messages} (Claude Code, the Anthropic SDKs) and {@code /v1/messages/count_tokens}: the request
 * becomes a Qwen chat completion ({@link MessagesRequestTranslator}), goes the way every chat request goes
 * ({@link ChatPipeline}), and comes back as a {@code message} or the Messages API's stream events.
 */
@Service
public class MessagesDelegate implements MessagesApiDelegate {

    private final ChatPipeline pipeline;
    private final MessagesRequestTranslator requests = new MessagesRequestTranslator();
    private final TokenEstimator tokens;
    private final ObjectMapper json;

    public MessagesDelegate(ChatPipeline pipeline, TokenEstimator tokens, ObjectMapper json) {
        this.pipeline = pipeline;
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    public ResponseEntity<Object> createMessage(CreateMessageRequest request, String beta) {
        MessagesCall call = requests.translate(CurrentRequest.jsonBody());
        return pipeline.serve(call.chat(), new Answer(call));
    }

    @Override
    public ResponseEntity<Object> countTokens(CountTokensRequest request, String beta) {
        ObjectNode body = CurrentRequest.jsonBody();
        if (!body.has("max_tokens")) {
            body.put("max_tokens", 1); // count_tokens takes no max_tokens; the translation wants one
        }
        MessagesCall call = requests.translate(body);
        ObjectNode count = json.createObjectNode();
        count.put("input_tokens", tokens.estimate(call.chat()).corrected());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(count);
    }

    private static String messageId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "msg_" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    /** The pipeline's estimate of the request as sent (corrected for its model), or a new one outside it. */
    private long inputTokens(ChatCall chat) {
        long estimated = chat.exchange().estimatedTokens();
        return estimated >= 0 ? estimated : tokens.estimate(chat.body()).corrected();
    }

    /** One request's answer, as a message or as its stream events. */
    private final class Answer implements ClientAnswer {

        private final MessagesCall call;
        private final String id = messageId();

        Answer(MessagesCall call) {
            this.call = call;
        }

        @Override
        public ClientStreamTranslator stream(ChatCall chat) {
            return new MessagesStreamTranslator(json, call, id, inputTokens(chat));
        }

        @Override
        public ResponseEntity<Object> json(byte[] completion, ChatCall chat) {
            MessageAssembler assembler = new MessageAssembler(id, call.requestedModel(), inputTokens(chat),
                    new StopSequences(call.stopSequences()), MessageAssembler.Events.NONE);
            ChatOutput.ofCompletion(json.readTree(completion), assembler);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(assembler.complete());
        }
    }
}
