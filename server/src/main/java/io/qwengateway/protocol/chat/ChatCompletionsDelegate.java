package io.qwengateway.protocol.chat;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.ChatApiDelegate;
import io.qwengateway.api.model.CreateChatCompletionRequest;
import io.qwengateway.pipeline.ChatCall;
import io.qwengateway.pipeline.ChatPipeline;
import io.qwengateway.protocol.ClientAnswer;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.streaming.StreamingProperties;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /v1/chat/completions}. The contract has validated the request; what goes upstream is the client's own
 * JSON (the protocol needs no request translation), with aliases resolved and the Qwen adjustments applied. A JSON
 * answer is passed through byte for byte; a stream is relayed chunk by chunk.
 */
@Service
public class ChatCompletionsDelegate implements ChatApiDelegate, ClientAnswer {

    private final ChatPipeline pipeline;
    private final ObjectMapper json;
    private final boolean namedErrorEvents;

    public ChatCompletionsDelegate(ChatPipeline pipeline, ObjectMapper json, StreamingProperties streaming) {
        this.pipeline = pipeline;
        this.json = json;
        this.namedErrorEvents = streaming.namedErrorEvents();
    }

    @Override
    public ResponseEntity<Object> createChatCompletion(CreateChatCompletionRequest request) {
        return pipeline.serve(CurrentRequest.jsonBody(), this);
    }

    @Override
    public ClientStreamTranslator stream(ChatCall call) {
        return new ChatStreamTranslator(json, call.clientWantsUsage(), namedErrorEvents);
    }

    @Override
    public ResponseEntity<Object> json(byte[] completion, ChatCall call) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(completion);
    }
}
