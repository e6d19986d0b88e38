package io.qwengateway.protocol.responses;

import java.time.Clock;

import io.qwengateway.protocol.ChatOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A whole {@code chat.completion} from the upstream as a finished response object. */
final class ResponsesJsonTranslator {

    private ResponsesJsonTranslator() {
    }

    /** @param response the response object in progress ({@link ResponseObjects#inProgress}); completed and returned */
    static ObjectNode translate(ResponsesCall call, ObjectNode response, JsonNode completion, Clock clock) {
        ResponseAssembler assembler = new ResponseAssembler(response, call,
                ResponseAssembler.Events.NONE, clock);
        ChatOutput.ofCompletion(completion, assembler);
        return assembler.complete();
    }
}
