package io.qwengateway.observe;

import tools.jackson.databind.JsonNode;

/**
 * The token usage the upstream reported for one exchange, as Chat Completions and embeddings answers carry it.
 *
 * @param prompt     {@code prompt_tokens}
 * @param completion {@code completion_tokens}
 * @param cached     {@code prompt_tokens_details.cached_tokens}, or DashScope's top-level {@code cached_tokens}
 * @param reasoning  {@code completion_tokens_details.reasoning_tokens}
 */
public record Usage(long prompt, long completion, long cached, long reasoning) {

    public static final Usage NONE = new Usage(0, 0, 0, 0);

    /** The {@code usage} object of a completion, a usage chunk or an embeddings answer; null when there is none. */
    public static Usage of(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
        if (cached == 0) {
            cached = usage.path("cached_tokens").asLong(0);
        }
        return new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0), cached,
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0));
    }
}
