package io.qwengateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.qwengateway.errors.ApiException;
import io.qwengateway.errors.ErrorRendering;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * When {@code gateway.web.client-api-keys} is set, every route needs one of those keys as a bearer token (401
 * {@code invalid_api_key} otherwise), {@code /v1/*} and {@code /auth/*} alike, except the few {@link OpenRoutes}.
 * Deny by default: a route added later is protected without anyone remembering to list it. Empty by default: the
 * gateway binds to localhost and accepts any key, as OpenAI clients insist on sending one.
 *
 * <p>Either way the request learns who its caller is ({@link #callerOf}), for limits kept per caller.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ClientKeyFilter extends OncePerRequestFilter {

    private static final String CALLER = ClientKeyFilter.class.getName() + ".caller";

    private final List<byte[]> keys;
    private final ErrorRendering errors;

    public ClientKeyFilter(WebProperties properties, ErrorRendering errors) {
        this.keys = properties.clientApiKeys().stream().map(key -> key.getBytes(StandardCharsets.UTF_8)).toList();
        this.errors = errors;
    }

    /** The admin routes have their own key ({@link AdminKeyFilter}), which has already been checked. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return AdminKeyFilter.isAdmin(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (keys.isEmpty()) {
            request.setAttribute(CALLER, "address " + request.getRemoteAddr());
            chain.doFilter(request, response);
            return;
        }
        int key = indexOfPresentedKey(presentedKey(request));
        if (key >= 0) {
            // The key's position, never the key itself: the caller's name may end up in a log line.
            request.setAttribute(CALLER, "client key #" + (key + 1));
            chain.doFilter(request, response);
        } else if (OpenRoutes.isOpen(request)) {
            request.setAttribute(CALLER, "address " + request.getRemoteAddr());
            chain.doFilter(request, response);
        } else {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            errors.write(new ApiException(HttpStatus.UNAUTHORIZED, "invalid_request_error", "invalid_api_key",
                    "Incorrect API key provided. Send one of the gateway's client keys as "
                            + "'Authorization: Bearer <key>' (or, from an Anthropic client, as 'x-api-key')."),
                    request, response);
        }
    }

    /**
     * Who sent the request being served: its client key (by position) when keys are configured, else its remote
     * address. Behind a reverse proxy every caller without a key shares the proxy's address.
     */
    public static String callerOf(HttpServletRequest request) {
        Object caller = request.getAttribute(CALLER);
        return caller == null ? "address " + request.getRemoteAddr() : caller.toString();
    }

    /**
     * The key the client presented: a bearer token (OpenAI clients, and Anthropic ones given an auth token), else
     * {@code x-api-key} (Anthropic clients given an API key). Null when neither is there.
     */
    public static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String apiKey = request.getHeader("x-api-key");
        return apiKey == null ? null : apiKey.trim();
    }

    private int indexOfPresentedKey(String key) {
        if (key == null) {
            return -1;
        }
        byte[] presented = key.getBytes(StandardCharsets.UTF_8);
        int found = -1;
        // Constant-time comparison against every key (no early exit): the keys are secrets.
        for (int i = 0; i < keys.size(); i++) {
            if (MessageDigest.isEqual(keys.get(i), presented) && found < 0) {
                found = i;
            }
        }
        return found;
    }
}
