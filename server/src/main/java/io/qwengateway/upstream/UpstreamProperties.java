package io.qwengateway.upstream;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The model API connection: {@code gateway.upstream.*}.
 *
 * @param baseUrl        overrides the base URL derived from the credential ({@code $QWEN_API_BASE_URL}); empty for none
 * @param headers        the client identity sent upstream (the qwen-code CLI's header profile by default)
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    longest silence tolerated between two bytes of an upstream response
 * @param maxConnections pooled connections, in all and per host
 * @param maxErrorBody   how much of an upstream error body is read to classify it
 * @param retry          retries of 502/503/504 and connection failures before the first byte
 */
@ConfigurationProperties("gateway.upstream")
public record UpstreamProperties(
        String baseUrl,
        Map<String, String> headers,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConnections,
        int maxErrorBody,
        Retry retry) {

    public UpstreamProperties {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * @param maxAttempts    attempts in all, the first included
     * @param initialBackoff wait before the first retry
     * @param multiplier     growth of the wait per retry
     * @param randomization  jitter, as a fraction of the wait
     */
    public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, double randomization) {
    }

    public boolean hasBaseUrlOverride() {
        return baseUrl != null && !baseUrl.isBlank();
    }
}
