package io.qwengateway.protocol.anthropic;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.qwengateway.errors.ApiException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors in Anthropic's envelope {@code {"type":"error","error":{"type","message"}}}: the same classification as
 * every protocol (the {@link ApiException} the upstream classifier or the gateway raised), in Anthropic's types. An
 * upstream that is unavailable (503) is Anthropic's 529 {@code overloaded_error}, which Claude Code retries.
 */
public final class AnthropicErrors {

    private static final int OVERLOADED = 529;
    private static final String SHOULD_RETRY = "x-should-retry";

    private AnthropicErrors() {
    }

    public static ObjectNode body(ApiException error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "error");
        body.putObject("error").put("type", type(error)).put("message", error.getMessage());
        return body;
    }

    public static ResponseEntity<Object> render(ApiException error) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        error.retryAfter().ifPresent(delay ->
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (delay.toMillis() + 999) / 1000))));
        if (resendCannotHelp(error)) {
            headers.set(SHOULD_RETRY, "false");
        }
        return ResponseEntity.status(status(error)).headers(headers).body(body(error));
    }

    /**
     * A refused key, an unusable upstream credential or a spent Qwen quota: no resend can succeed. The Anthropic SDKs
     * (anthropic-java and the TypeScript SDK inside Claude Code) obey {@code x-should-retry} before their own rules;
     * without it Claude Code 2.1 resends such a 429 or 401 for minutes (ten tries, backing off to half a minute).
     */
    private static boolean resendCannotHelp(ApiException error) {
        int status = error.status().value();
        return status == 401 || status == 403 || "insufficient_quota".equals(error.code());
    }

    public static HttpStatusCode status(ApiException error) {
        return error.status().value() == 503 ? HttpStatusCode.valueOf(OVERLOADED) : error.status();
    }

    static String type(ApiException error) {
        return switch (error.status().value()) {
            case 400, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402, 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, OVERLOADED -> "overloaded_error";
            default -> error.status().is4xxClientError() ? "invalid_request_error" : "api_error";
        };
    }
}
