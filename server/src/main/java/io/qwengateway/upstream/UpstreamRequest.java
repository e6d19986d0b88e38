package io.qwengateway.upstream;

import java.util.Map;

import io.qwengateway.pool.Routing;

/**
 * A model API call: the path under the base URL ({@code /chat/completions}), the JSON body as it will be sent,
 * whether the answer is an event stream, headers specific to this call, and what the pool needs to choose the
 * upstream ({@link Routing}: the model, the session, a pinned upstream).
 */
public record UpstreamRequest(String path, byte[] body, boolean streaming, Map<String, String> headers,
        Routing routing) {

    public UpstreamRequest {
        headers = Map.copyOf(headers);
        routing = routing == null ? Routing.ANY : routing;
    }

    public UpstreamRequest(String path, byte[] body, boolean streaming, Map<String, String> headers) {
        this(path, body, streaming, headers, Routing.ANY);
    }

    public UpstreamRequest(String path, byte[] body, boolean streaming) {
        this(path, body, streaming, Map.of(), Routing.ANY);
    }

    /** The same call, routed by {@code routing}. */
    public UpstreamRequest routedBy(Routing routing) {
        return new UpstreamRequest(path, body, streaming, headers, routing);
    }
}
