package io.qwengateway.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import io.qwengateway.errors.ErrorRendering;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses bodies whose Content-Length exceeds {@code gateway.web.max-request-size} with a 413 in OpenAI's envelope,
 * before reading them. Chunked bodies have no length up front: {@link JsonBodyCapture} stops reading them at the same
 * limit. (Tomcat's own limits only cover form posts.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long limitBytes;
    private final ErrorRendering errors;

    public RequestSizeLimitFilter(WebProperties properties, ErrorRendering errors) {
        this.limitBytes = properties.maxRequestSize().toBytes();
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limitBytes) {
            response.setHeader("Connection", "close");
            errors.write(new RequestTooLargeException(limitBytes).toApiException(), request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    public static DataSize defaultLimit() {
        return DataSize.ofMegabytes(32);
    }
}
