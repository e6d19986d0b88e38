package io.qwengateway.pipeline;

import io.qwengateway.pool.Routing;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.JsonNode;

/**
 * What the pool is told about a request, whatever its protocol: the model, a pinned upstream
 * ({@code X-Qwen-Upstream: NAME}), and the session it belongs to, the first of {@code prompt_cache_key} (Codex, the
 * Responses API), {@code metadata.user_id}, {@code user} (Claude Code's {@code metadata.user_id} arrives here as
 * {@code user}) and an {@code X-Session-Id} header.
 */
public final class RequestRouting {

    public static final String SESSION_HEADER = "X-Session-Id";

    private RequestRouting() {
    }

    /** @param body the upstream request (a chat or embeddings tree) */
    public static Routing of(JsonNode body, String model) {
        String pinned = CurrentRequest.header(Routing.PIN_HEADER);
        return new Routing(model, affinityKey(body), pinned == null || pinned.isBlank() ? null : pinned.strip());
    }

    static String affinityKey(JsonNode body) {
        String key = text(body.get("prompt_cache_key"));
        if (key == null) {
            key = text(body.path("metadata").get("user_id"));
        }
        if (key == null) {
            key = text(body.get("user"));
        }
        if (key == null) {
            key = text(CurrentRequest.header(SESSION_HEADER));
        }
        return key;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() ? text(node.asString()) : null;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
