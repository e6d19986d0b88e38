package io.qwengateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

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
 * The operator's routes, {@code /admin/**}: off (404) unless {@code gateway.admin.key} ({@code GATEWAY_ADMIN_KEY})
 * is set, and then only for a request presenting that key, whatever the client keys are. Decided on the path as
 * routed, so no spelling of {@code /admin} slips past; a request that passes is marked so that the client-key check
 * ({@link ClientKeyFilter}) leaves it alone.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
public class AdminKeyFilter extends OncePerRequestFilter {

    static final String ADMIN = AdminKeyFilter.class.getName() + ".admin";

    private final byte[] adminKey;
    private final ErrorRendering errors;

    public AdminKeyFilter(AdminProperties properties, ErrorRendering errors) {
        this.adminKey = properties.key().isEmpty() ? null : properties.key().getBytes(StandardCharsets.UTF_8);
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isAdminRoute(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (adminKey == null) {
            errors.write(ApiException.notFound("unknown_url", "The admin routes are off: set GATEWAY_ADMIN_KEY (or "
                    + "gateway.admin.key) on the gateway to use them."), request, response);
            return;
        }
        String presented = ClientKeyFilter.presentedKey(request);
        if (presented != null && MessageDigest.isEqual(adminKey, presented.getBytes(StandardCharsets.UTF_8))) {
            request.setAttribute(ADMIN, Boolean.TRUE);
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        errors.write(new ApiException(HttpStatus.UNAUTHORIZED, "invalid_request_error", "invalid_admin_key",
                "The admin routes need the gateway's admin key as 'Authorization: Bearer <key>'."), request, response);
    }

    /** {@code /admin} and everything under it, as Tomcat routes it (decoded, normalised, without path parameters). */
    static boolean isAdminRoute(HttpServletRequest request) {
        String routed = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return routed.equals("/admin") || routed.startsWith("/admin/");
    }

    /** Whether this request passed the admin check. */
    public static boolean isAdmin(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ADMIN));
    }
}
