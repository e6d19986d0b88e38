package io.qwengateway.observe;

import java.net.URI;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import io.qwengateway.upstream.UpstreamProperties;
import io.qwengateway.upstream.UpstreamResponse;

/**
 * The name of the upstream that served an exchange, for the request line, the usage history and the metrics: the
 * pool member that answered ({@link UpstreamResponse#upstreamName()}, or the log context's {@code upstream} while a
 * call is under way), else the host of {@code gateway.upstream.base-url} when that is set, else {@code default}.
 */
@Component
public class UpstreamNames {

    static final String MDC_KEY = "upstream";

    private final String fallback;

    public UpstreamNames(UpstreamProperties upstream) {
        this.fallback = upstream.hasBaseUrlOverride() ? hostOf(upstream.baseUrl()) : "default";
    }

    /** The upstream that answered {@code response}: the pool member's name. */
    public String of(UpstreamResponse response) {
        if (response != null && response.upstreamName() != null && !response.upstreamName().isEmpty()) {
            return response.upstreamName();
        }
        String named = MDC.get(MDC_KEY);
        return named != null && !named.isEmpty() ? named : fallback;
    }

    /** The name when no response tells it (a request that failed before one). */
    public String current() {
        return of(null);
    }

    private static String hostOf(String baseUrl) {
        try {
            String host = URI.create(baseUrl.strip()).getHost();
            return host == null || host.isEmpty() ? "default" : host;
        } catch (IllegalArgumentException e) {
            return "default";
        }
    }
}
