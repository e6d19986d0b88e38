package io.qwengateway.upstream;

import java.util.Map;

/**
 * A model API call: the path under the base URL ({@code /chat/completions}), the JSON body as it will be sent,
 * whether the answer is an event stream, and headers specific to this call.
 */
public record UpstreamRequest(String path, byte[] body, boolean streaming, Map<String, String> headers) {

    public UpstreamRequest {
        headers = Map.copyOf(headers);
    }

    public UpstreamRequest(String path, byte[] body, boolean streaming) {
        this(path, body, streaming, Map.of());
    }
}
