package io.qwengateway.errors;

import org.springframework.http.ResponseEntity;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A client protocol's error envelope: body, status and headers for an {@link ApiException} answered before a
 * response has started. OpenAI's envelope ({@link ErrorResponses}) is the default; a protocol with its own (Anthropic's)
 * registers a renderer bean. The in-stream form of an error belongs to the protocol's stream translator.
 */
public interface ErrorRenderer {

    /** Whether the request speaks this renderer's protocol. */
    boolean appliesTo(HttpServletRequest request);

    ResponseEntity<Object> render(ApiException error);
}
