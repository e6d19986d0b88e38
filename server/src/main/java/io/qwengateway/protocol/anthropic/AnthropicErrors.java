package io.qwengateway.protocol.anthropic;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

import io.qwengateway.errors.ApiException;
import io.qwengateway.errors.ErrorResponses;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Errors in Anthropic's envelope {@code {"type":"error","error":{"type","message"}}}: the same classification as
 * every protocol (the {@link ApiException} the upstream classifier or the gateway raised), in Anthropic's types. An
 * upstream that is unavailable (503) is Anthropic's 529 {@code overloaded_error}, which Claude Code retries.
 */
public final class AnthropicErrors {

    private static final int OVERLOADED = 529;

    private AnthropicErrors() {
    }

    public static ObjectNode body(ApiException error) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "error");
        body.putObject("error").put("type", type(error)).put("message", error.getMessage());
        return body;
    }

    /** Anthropic's envelope with the headers every protocol's errors carry ({@link ErrorResponses#headers}). */
    public static ResponseEntity<Object> render(ApiException error) {
        return ResponseEntity.status(status(error)).headers(ErrorResponses.headers(error)).body(body(error));
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
