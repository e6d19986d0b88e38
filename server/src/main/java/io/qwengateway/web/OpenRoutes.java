package io.qwengateway.web;

import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The only routes served without a client key when {@code gateway.web.client-api-keys} is set: the liveness probes
 * ({@code /health}, Actuator's health and info, which show no details), the contract and Swagger UI with its assets,
 * the root redirect and the favicon. Everything else needs a key, {@code /actuator/prometheus} included: the metrics
 * name models, upstreams and traffic (docs/metrics.md).
 *
 * <p>A request counts as open only when the path it was sent with is already canonical, that is, equal to the path
 * Tomcat decoded and normalised for routing. An open route reached through {@code ;params}, {@code %}-escapes, dot
 * segments or doubled slashes therefore needs a key like any other: Tomcat and Spring MVC each derive the route from
 * the raw URI their own way, and deciding on a form where both agree leaves nothing for the two readings to disagree
 * about. No browser or client sends those forms to these routes.
 */
public final class OpenRoutes {

    private static final Set<String> EXACT = Set.of(
            "/", "/health", "/favicon.ico", "/actuator/health", "/actuator/info",
            "/v3/api-docs", "/v3/api-docs.yaml",
            "/swagger-ui.html", "/springdoc/api-docs/swagger-config");

    /** Swagger UI's page, scripts, styles and images (springdoc serves them from the swagger-ui webjar). */
    private static final List<String> PREFIXES = List.of("/swagger-ui/");

    private OpenRoutes() {
    }

    public static boolean isOpen(HttpServletRequest request) {
        String sent = request.getRequestURI().substring(request.getContextPath().length());
        String routed = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return sent.equals(routed) && isOpenPath(routed);
    }

    static boolean isOpenPath(String canonicalPath) {
        return EXACT.contains(canonicalPath) || PREFIXES.stream().anyMatch(canonicalPath::startsWith);
    }
}
