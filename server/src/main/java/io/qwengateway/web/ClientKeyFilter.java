package io.qwengateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.qwengateway.errors.ApiException;
import io.qwengateway.errors.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * When {@code gateway.web.client-api-keys} is set, {@code /v1/*} answers only clients that present one of those keys
 * as a bearer token (401 {@code invalid_api_key} otherwise). Empty by default: the gateway binds to localhost and
 * accepts any key, as OpenAI clients insist on sending one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ClientKeyFilter extends OncePerRequestFilter {

    private final List<byte[]> keys;
    private final ObjectMapper json;

    public ClientKeyFilter(WebProperties properties, ObjectMapper json) {
        this.keys = properties.clientApiKeys().stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return keys.isEmpty() || !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (presentsAKnownKey(request.getHeader("Authorization"))) {
            chain.doFilter(request, response);
            return;
        }
        ErrorResponses.write(new ApiException(HttpStatus.UNAUTHORIZED, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided. Send one of the gateway's client keys as 'Authorization: Bearer <key>'."),
                response, json);
    }

    private boolean presentsAKnownKey(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        // Constant-time comparison: the keys are secrets.
        return keys.stream().anyMatch(key -> MessageDigest.isEqual(key, presented));
    }
}
