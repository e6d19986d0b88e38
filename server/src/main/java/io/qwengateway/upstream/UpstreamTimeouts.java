package io.qwengateway.upstream;

import java.time.Duration;
import java.util.Locale;

import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;

/**
 * The errors a client gets when the gateway stops waiting for Qwen: a 504 before the answer began, or the same error
 * as the last event of a stream. Each says how long the gateway waited and which setting changes that.
 */
public final class UpstreamTimeouts {

    public static final String CODE = "upstream_timeout";
    public static final String STREAM_IDLE_TIMEOUT_KEY = "gateway.streaming.idle-timeout";

    private UpstreamTimeouts() {
    }

    /**
     * No response head within the first-byte limit. Not retried: the request was delivered, so the upstream is
     * stalled or still working on it; another attempt would make the client wait the limit again (three times over
     * with the default attempts) and could run the generation twice.
     */
    public static ApiException noResponse(Duration waited, boolean streaming) {
        return ApiException.serverError(HttpStatus.GATEWAY_TIMEOUT, CODE, "Qwen sent no response within "
                + describe(waited) + ", so the gateway gave up (without retrying: a stalled upstream would only keep"
                + " you waiting again). If answers legitimately take longer, raise "
                + UpstreamProperties.firstByteTimeoutKey(streaming) + ".");
    }

    /** A stream fell silent for the idle limit; the gateway ended it and cancelled the upstream request. */
    public static ApiException streamIdle(Duration waited) {
        return ApiException.serverError(HttpStatus.GATEWAY_TIMEOUT, CODE, "Qwen sent nothing for " + describe(waited)
                + " in the middle of the stream, so the gateway ended it and cancelled the Qwen request. If such"
                + " pauses are expected, raise " + STREAM_IDLE_TIMEOUT_KEY + ".");
    }

    /** {@code 500 ms}, {@code 2 s}, {@code 1.5 s}, {@code 10 min}. */
    public static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
