package io.qwengateway.protocol.anthropic;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import io.qwengateway.errors.ApiException;
import io.qwengateway.errors.ErrorRenderer;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors for Anthropic clients in Anthropic's envelope ({@link AnthropicErrors}): requests to {@code /v1/messages},
 * and any request carrying {@code anthropic-version} (the Anthropic SDKs send it everywhere, {@code /v1/models}
 * included).
 */
@Component
public class AnthropicErrorRenderer implements ErrorRenderer {

    @Override
    public boolean appliesTo(HttpServletRequest request) {
        return request.getHeader("anthropic-version") != null || isMessagesPath(request.getRequestURI());
    }

    @Override
    public ResponseEntity<Object> render(ApiException error) {
        return AnthropicErrors.render(error);
    }

    /** Decided on the raw URI: an error can be answered before the dispatcher has routed anything. */
    private static boolean isMessagesPath(String uri) {
        return uri != null && (uri.equals("/v1/messages") || uri.startsWith("/v1/messages/")
                || uri.startsWith("/v1/messages?"));
    }
}
