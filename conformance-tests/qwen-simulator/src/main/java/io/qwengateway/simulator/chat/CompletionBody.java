package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.chat.ChatReply.ToolCall;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A whole answer as one {@code chat.completion} object (non-streaming requests). */
final class CompletionBody {

    private CompletionBody() {
    }

    static ObjectNode of(ReplyIdentity identity, ChatReply reply) {
        ObjectNode message = Json.object();
        message.put("role", "assistant");
        message.put("content", reply.content());
        if (reply.reasoning() != null) {
            message.put("reasoning_content", reply.reasoning());
        }
        if (!reply.toolCalls().isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (int index = 0; index < reply.toolCalls().size(); index++) {
                toolCalls.add(toolCall(index, reply.toolCalls().get(index)));
            }
        }

        ObjectNode choice = Json.object();
        choice.put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", reply.finishReason());
        choice.putNull("logprobs");

        ObjectNode body = Json.object();
        body.put("id", identity.id());
        body.put("object", "chat.completion");
        body.put("created", identity.created());
        body.put("model", identity.model());
        body.putArray("choices").add(choice);
        body.set("usage", UsageJson.of(reply.usage(), false));
        body.putNull("system_fingerprint");
        return body;
    }

    private static ObjectNode toolCall(int index, ToolCall call) {
        ObjectNode toolCall = Json.object();
        toolCall.put("index", index);
        toolCall.put("id", call.id());
        toolCall.put("type", "function");
        ObjectNode function = toolCall.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.arguments());
        return toolCall;
    }
}
