package io.qwengateway.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.qwengateway.errors.ApiException;
import io.qwengateway.web.CurrentRequest;

/**
 * The facts of one exchange as the pipeline learns them: the request's model and token estimate, the adjustments
 * made, the upstream that served it, its usage, the first token, how it ended. Created when the pipeline takes a
 * request ({@link Exchanges#start}); {@link #finish} hands an {@link ExchangeRecord} to the observers once.
 *
 * <p>Written by one thread at a time: the request thread, then (for a stream) the relay thread, which the request
 * thread hands it to through an executor; read only once it finished. The few fields that other threads touch
 * (a client gone, the finish) are volatile or atomic.
 */
public final class Exchange {

    private static final long NONE = -1;

    private final ExchangeSink sink;
    private final String requestId;
    private final String protocol;
    private final String endpoint;
    private final Instant startedAt;
    private final long startNanos;
    private final Capture capture;
    private final AtomicBoolean finished = new AtomicBoolean();

    private String model;
    private boolean stream;
    private boolean streamStarted;
    private long estimatedRaw = NONE;
    private long estimated = NONE;
    private final List<String> adjustments = new ArrayList<>(1);
    private final List<String> warnings = new ArrayList<>(1);
    private volatile String upstream;
    private long upstreamStart = NONE;
    private volatile long upstreamEnd = NONE;
    private volatile long firstToken = NONE;
    private volatile Usage usage;
    private volatile ApiException streamError;

    Exchange(ExchangeSink sink, String requestId, String protocol, String endpoint, Instant startedAt, long startNanos,
            Capture capture) {
        this.sink = sink;
        this.requestId = requestId;
        this.protocol = protocol;
        this.endpoint = endpoint;
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.capture = capture;
    }

    /** An exchange nobody observes: for code run outside a request (tests, tools). */
    public static Exchange unobserved() {
        return new Exchange(null, "req_none", "openai", "", Instant.EPOCH, System.nanoTime(), null);
    }

    public String requestId() {
        return requestId;
    }

    public void model(String upstreamModel, boolean streaming) {
        this.model = upstreamModel;
        this.stream = streaming;
    }

    /** The corrected input estimate; -1 before the pipeline made it. */
    public long estimatedTokens() {
        return estimated;
    }

    public void estimated(long raw, long corrected) {
        this.estimatedRaw = raw;
        this.estimated = corrected;
    }

    /** Something the gateway changed in the request, for the request line ("max_tokens 100000→65536"). */
    public void adjusted(String adjustment) {
        adjustments.add(adjustment);
    }

    /** Something the operator should know about the request; the request line is then a warning. */
    public void warn(String warning) {
        warnings.add(warning);
    }

    public void clientRequest(String requestLine, List<Map.Entry<String, String>> headers, byte[] body) {
        if (capture != null) {
            capture.clientRequest(requestLine, headers, body);
        }
    }

    /** The request is about to go upstream: the upstream time starts. */
    public void sendingUpstream(String path, byte[] body) {
        upstreamStart = System.nanoTime();
        if (capture != null) {
            capture.upstreamRequest(path, body);
        }
    }

    public void upstream(String name) {
        this.upstream = name;
    }

    /** The upstream's whole JSON answer arrived. */
    public void upstreamAnswered(byte[] body, Usage reported) {
        upstreamEnd = System.nanoTime();
        usage = reported;
        if (capture != null) {
            capture.upstreamJson(body);
        }
    }

    public void clientAnswer(Object body) {
        if (capture != null) {
            capture.clientJson(body);
        }
    }

    // The stream's side, called by the relay thread.

    public boolean capturing() {
        return capture != null;
    }

    /** On the request thread, which still has the request: the headers a failure's file will show. */
    private void keepHeaders() {
        if (capture != null && !capture.hasHeaders()) {
            capture.clientHeaders(CurrentRequest.headers());
        }
    }

    public void streamStarted() {
        keepHeaders();
        streamStarted = true;
        if (sink != null) {
            sink.streamStarted(this);
        }
    }

    /** An upstream event as it arrived: {@code text} makes its wire form, when a debug file is written. */
    public void upstreamEvent(Supplier<String> text, int size) {
        if (capture != null) {
            capture.upstreamEvent(text, size);
        }
    }

    public void clientEvent(String text) {
        if (capture != null) {
            capture.clientEvent(text);
        }
    }

    public void usage(Usage reported) {
        usage = reported;
    }

    /** The first generated token (content, reasoning or a tool call) of a stream. */
    public void firstToken() {
        if (firstToken == NONE) {
            firstToken = System.nanoTime();
        }
    }

    /** The stream ended with an error event: the client got a 200 and then this. */
    public void streamFailed(ApiException error) {
        streamError = error;
    }

    /** The relay is done reading the upstream. */
    public void upstreamEnded() {
        if (upstreamEnd == NONE) {
            upstreamEnd = System.nanoTime();
        }
    }

    /** The stream is over; {@code clientGone} when the client left before its end. */
    public void streamEnded(boolean clientGone) {
        upstreamEnded();
        ApiException error = streamError;
        if (error != null) {
            finish(200, ExchangeRecord.Outcome.ERROR, error.code(), error.getMessage());
        } else {
            finish(200, clientGone ? ExchangeRecord.Outcome.CANCELLED : ExchangeRecord.Outcome.OK, null, null);
        }
    }

    /** A JSON answer went to the client. */
    public void answered(int status) {
        finish(status, ExchangeRecord.Outcome.OK, null, null);
    }

    /** The request failed before its answer began, on the request thread; {@code failure} is what the client is told. */
    public void failed(RuntimeException failure) {
        keepHeaders();
        upstreamEnded();
        if (failure instanceof ApiException error) {
            error.upstream().ifPresent(this::upstream);
            int status = error.status().value();
            finish(status, status < 500 ? ExchangeRecord.Outcome.CLIENT_ERROR : ExchangeRecord.Outcome.ERROR,
                    error.code(), error.getMessage());
        } else {
            finish(500, ExchangeRecord.Outcome.ERROR, "internal_error", failure.toString());
        }
    }

    private void finish(int status, ExchangeRecord.Outcome outcome, String errorCode, String errorMessage) {
        if (!finished.compareAndSet(false, true) || sink == null) {
            return;
        }
        long end = System.nanoTime();
        long upstreamNanos = upstreamStart == NONE ? NONE : Math.max(0, (upstreamEnd == NONE ? end : upstreamEnd) - upstreamStart);
        long ttft = firstToken == NONE ? NONE : firstToken - startNanos;
        sink.finished(this, new ExchangeRecord(requestId, startedAt, protocol, endpoint, model, stream,
                upstream == null ? sink.defaultUpstream() : upstream, estimatedRaw, estimated, adjustments, warnings,
                usage, status, outcome, errorCode, errorMessage, end - startNanos, upstreamNanos, ttft, capture));
    }

    boolean wasStreaming() {
        return streamStarted;
    }

    /** Where an exchange reports. */
    interface ExchangeSink {

        void streamStarted(Exchange exchange);

        void finished(Exchange exchange, ExchangeRecord record);

        String defaultUpstream();
    }
}
