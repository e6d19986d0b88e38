package io.qwengateway.upstream;

import java.time.Duration;
import java.util.Map;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The model API connection: {@code gateway.upstream.*}.
 *
 * @param baseUrl                overrides the base URL derived from the credential ({@code $QWEN_API_BASE_URL});
 *                               empty for none
 * @param headers                the client identity sent upstream (the qwen-code CLI's header profile by default)
 * @param connectTimeout         TCP connect timeout
 * @param readTimeout            longest silence tolerated between two bytes of an upstream response once its headers
 *                               arrived (a backstop: streams have their own, shorter idle limit)
 * @param firstByteTimeout       longest wait for the response headers of a non-streaming call; Qwen answers those
 *                               only once the whole completion is generated, so this allows long generations
 * @param streamFirstByteTimeout longest wait for the response headers of a streaming call (from there on
 *                               {@code gateway.streaming.idle-timeout} applies)
 * @param maxConnections         pooled connections, in all and per host
 * @param maxErrorBody           how much of an upstream error body is read to classify it
 * @param maxSends               most times one client request is sent upstream, over every layer that resends: the
 *                               immediate resend over a dead pooled connection, the retries below, and the retry
 *                               with a renewed token
 * @param retry                  retries of 502/503/504 and connection failures before the first byte
 */
@Validated
@ConfigurationProperties("gateway.upstream")
public record UpstreamProperties(
        String baseUrl,
        Map<String, String> headers,
        Duration connectTimeout,
        Duration readTimeout,
        @NotNull @DurationMin(millis = 1) Duration firstByteTimeout,
        @NotNull @DurationMin(millis = 1) Duration streamFirstByteTimeout,
        int maxConnections,
        int maxErrorBody,
        @Min(1) int maxSends,
        @Valid Retry retry) {

    /** The settings a client is pointed at when a limit ends its request. */
    static final String FIRST_BYTE_TIMEOUT_KEY = "gateway.upstream.first-byte-timeout";
    static final String STREAM_FIRST_BYTE_TIMEOUT_KEY = "gateway.upstream.stream-first-byte-timeout";

    public UpstreamProperties {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * @param maxAttempts    attempts in all, the first included (all attempts together stay within
     *                       {@code max-sends})
     * @param initialBackoff wait before the first retry
     * @param multiplier     growth of the wait per retry
     * @param randomization  jitter, as a fraction of the wait
     */
    public record Retry(@Min(1) int maxAttempts, Duration initialBackoff, double multiplier, double randomization) {
    }

    public boolean hasBaseUrlOverride() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    /** The wait for the response headers that applies to a call. */
    public Duration firstByteTimeout(boolean streaming) {
        return streaming ? streamFirstByteTimeout : firstByteTimeout;
    }

    static String firstByteTimeoutKey(boolean streaming) {
        return streaming ? STREAM_FIRST_BYTE_TIMEOUT_KEY : FIRST_BYTE_TIMEOUT_KEY;
    }
}
