package io.qwengateway.observe;

import java.time.Instant;
import java.util.List;

/**
 * The facts of one finished exchange, the same for every protocol: what each observer (the request line, the debug
 * files, the usage history, the metrics, the token calibration) consumes.
 *
 * @param requestId       the {@code x-request-id} the client saw
 * @param startedAt       when the request arrived
 * @param protocol        the client's API: {@code openai} or {@code anthropic}
 * @param endpoint        the path it called, such as {@code /v1/chat/completions}
 * @param model           the upstream model (aliases resolved); null when the request failed before that
 * @param stream          the client asked for an event stream
 * @param upstream        the upstream that served it (the pool's name for it; {@code default} without a pool)
 * @param estimatedRaw    the tokenizer's estimate of the input tokens; -1 when none was made
 * @param estimated       the same, corrected by the model's calibration; -1 when none was made
 * @param adjustments     what the gateway changed on the way (a clamped {@code max_tokens})
 * @param warnings        what the operator should know (the soft context limit passed)
 * @param usage           what the upstream reported; null when it reported nothing
 * @param status          the HTTP status the client got (200 for a stream that failed after it began)
 * @param outcome         how it ended
 * @param errorCode       the error's code when it failed ({@code context_length_exceeded}, ...)
 * @param errorMessage    the error's message when it failed
 * @param latencyNanos    from the request's arrival to its end (a stream's last event)
 * @param upstreamNanos   from the first send upstream to the upstream's last byte; -1 when never sent
 * @param firstTokenNanos from the request's arrival to the first generated token of a stream; -1 when none
 * @param capture         the exchange's content for a debug file; null when no observer wants it
 */
public record ExchangeRecord(String requestId, Instant startedAt, String protocol, String endpoint, String model,
        boolean stream, String upstream, long estimatedRaw, long estimated, List<String> adjustments,
        List<String> warnings, Usage usage, int status, Outcome outcome, String errorCode, String errorMessage,
        long latencyNanos, long upstreamNanos, long firstTokenNanos, Capture capture) {

    public ExchangeRecord {
        adjustments = List.copyOf(adjustments);
        warnings = List.copyOf(warnings);
    }

    /** The gateway's own share of the latency: everything but the time spent waiting on the upstream. */
    public long overheadNanos() {
        return upstreamNanos < 0 ? latencyNanos : Math.max(0, latencyNanos - upstreamNanos);
    }

    public boolean failed() {
        return outcome != Outcome.OK;
    }

    /** How an exchange ended. */
    public enum Outcome {
        /** Answered in full. */
        OK("ok"),
        /** Refused for the client's own reasons (a 4xx): a bad request, a context too long, a spent quota. */
        CLIENT_ERROR("client_error"),
        /** The upstream or the gateway failed (a 5xx, or a stream that ended with an error event). */
        ERROR("error"),
        /** The client went away before the end. */
        CANCELLED("cancelled");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
