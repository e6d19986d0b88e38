package io.qwengateway.pipeline;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/**
 * An estimate of the input tokens of an upstream chat request, before Qwen counts them: for
 * {@code /v1/messages/count_tokens} and the usage an Anthropic stream announces in {@code message_start}. This first
 * estimate counts about four characters of the request's text per token (the common rule of thumb for Qwen's and
 * OpenAI's tokenizers on English and code; CJK text is under-counted) plus a few tokens per message for the chat
 * template; images count a flat 1,000 tokens. Qwen's own figure arrives with the answer's usage.
 */
@Component
public class TokenEstimator {

    private static final int TOKENS_PER_MESSAGE = 4;
    private static final int TOKENS_PER_IMAGE = 1000;

    public long estimate(JsonNode chat) {
        long characters = 0;
        long extra = 0;
        for (JsonNode message : chat.path("messages")) {
            extra += TOKENS_PER_MESSAGE;
            characters += textLength(message.get("content"));
            characters += message.path("reasoning_content").asString("").length();
            for (JsonNode call : message.path("tool_calls")) {
                characters += call.path("function").path("name").asString("").length();
                characters += call.path("function").path("arguments").asString("").length();
            }
            for (JsonNode part : message.path("content")) {
                if ("image_url".equals(part.path("type").asString(null))) {
                    extra += TOKENS_PER_IMAGE;
                }
            }
        }
        JsonNode tools = chat.get("tools");
        if (tools != null) {
            characters += tools.toString().length();
        }
        return (characters + 3) / 4 + extra;
    }

    private static long textLength(JsonNode content) {
        if (content == null || content.isNull()) {
            return 0;
        }
        if (content.isString()) {
            return content.asString().length();
        }
        long length = 0;
        for (JsonNode part : content) {
            length += part.path("text").asString("").length();
        }
        return length;
    }
}
