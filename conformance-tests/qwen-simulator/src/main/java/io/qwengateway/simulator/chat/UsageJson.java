package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.chat.ChatReply.Usage;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.node.ObjectNode;

/** The {@code usage} object in the two places DashScope puts cached tokens. */
final class UsageJson {

    private UsageJson() {
    }

    static ObjectNode of(Usage usage, boolean withTopLevelCachedTokens) {
        ObjectNode json = Json.object();
        json.put("prompt_tokens", usage.promptTokens());
        json.put("completion_tokens", usage.completionTokens());
        json.put("total_tokens", usage.totalTokens());
        json.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        if (withTopLevelCachedTokens) {
            json.put("cached_tokens", usage.cachedTokens());
        }
        return json;
    }
}
