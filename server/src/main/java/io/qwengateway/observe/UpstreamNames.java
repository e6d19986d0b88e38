package io.qwengateway.observe;

import java.net.URI;

import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import io.qwengateway.upstream.UpstreamProperties;
import io.qwengateway.upstream.UpstreamResponse;

/**
 * The name of the upstream that served an exchange, for the request line, the usage history and the metrics. The
 * upstream pool names its upstreams (the log context's {@code upstream}); without it there is one upstream, named
 * after the host of {@code gateway.upstream.base-url} when that is set, else {@code default}.
 */
@Component
public class UpstreamNames {

    static final String MDC_KEY = "upstream";

    private final String fallback;

    public UpstreamNames(UpstreamProperties upstream) {
        this.fallback = upstream.hasBaseUrlOverride() ? hostOf(upstream.baseUrl()) : "default";
    }

    /** The upstream that answered {@code response}. (With the pool: {@code response.upstreamName()}.) */
    public String of(UpstreamResponse response) {
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
