package io.qwengateway.credentials;

import java.util.Map;

/**
 * What a request needs to call the model API: where, and with which headers (the bearer token and any header the
 * credential kind implies, such as {@code X-DashScope-AuthType}).
 *
 * @param baseUrl the OpenAI-compatible base, ending in {@code /v1} or {@code /compatible-mode/v1}
 */
public record UpstreamCredential(String bearerToken, String baseUrl, Map<String, String> headers) {

    public UpstreamCredential {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "UpstreamCredential[baseUrl=" + baseUrl + "]";
    }
}
