package io.qwengateway.streaming;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;

import io.qwengateway.observe.Exchange;
import io.qwengateway.protocol.SseFrame;
import io.qwengateway.upstream.UpstreamResponse;
import io.qwengateway.upstream.UpstreamTimeouts;

/**
 * One client stream: reads the upstream events on its own thread, writes the translated frames to the emitter, sends
 * heartbeats during silences, and cuts the upstream at once when the client goes away (a failed write, or the
 * container's error or timeout callback), so the model stops generating for nobody. An upstream silent for the idle
 * limit is cut too, and the client told so in an error event ({@link StreamWatchdog} keeps both times).
 */
final class RelaySession implements Runnable, StreamWatchdog.Actions {

    private static final Logger log = LoggerFactory.getLogger(RelaySession.class);
    // Pre-framed bytes written as they are (SseFrame#writeTo): SseEmitter's own framing omits the space after
    // "data:" that clients expect.
    private static final MediaType FRAME = new MediaType("text", "plain", StandardCharsets.UTF_8);
    /**
     * Upstream events already read but not yet flushed are written together, up to this many: each flush is a
     * syscall and an HTTP chunk, and an event that is already here gains nothing from waiting for its own.
     */
    private static final int COALESCED_FRAMES = 32;
    /** Bytes an upstream may still send after {@code [DONE]} before its connection is cut rather than reused. */
    private static final int DRAIN_LIMIT = 64 * 1024;

    private final RelayEmitter emitter;
    private final UpstreamResponse upstream;
    private final StreamTranslator translator;
    private final Duration idleTimeout;
    private final AtomicBoolean clientGone = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Set before the watchdog cuts an idle upstream, so that the failed read is reported as what it is. */
    private volatile boolean cutForSilence;
    private volatile StreamWatchdog watchdog;
    /** The request's log context (its x-request-id), carried over to the relay thread. */
    private final Map<String, String> logContext;
    private final Exchange exchange;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(1024);
    private int pendingFrames;
    /** Whether events already read share a flush (gateway.streaming.fast-path). */
    private final boolean coalesce;

    RelaySession(RelayEmitter emitter, UpstreamResponse upstream, StreamTranslator translator, Duration idleTimeout,
            Map<String, String> logContext, Exchange exchange, boolean coalesce) {
        this.coalesce = coalesce;
        this.logContext = logContext;
        this.exchange = exchange;
        this.emitter = emitter;
        this.upstream = upstream;
        this.translator = translator;
        this.idleTimeout = idleTimeout;
        emitter.onError(error -> clientWentAway());
        emitter.onTimeout(this::clientWentAway);
        emitter.onCompletion(() -> {
            if (!finished.get()) {
                clientWentAway();
            }
        });
    }

    /** Starts the timers; before the relay thread, so that the wait for the first event counts from the headers. */
    void watch(StreamWatchdog timer) {
        this.watchdog = timer;
        timer.start();
    }

    @Override
    public void run() {
        if (logContext != null) {
            MDC.setContextMap(logContext);
        }
        boolean clean = false;
        try {
            send(translator.start());
            SseEventReader events = new SseEventReader(upstream.body());
            try {
                SseEvent event;
                while (!translator.ended() && (event = events.next()) != null) {
                    watchdog.upstreamEvent();
                    queue(translator.translate(event));
                    if (!coalesce || pendingFrames >= COALESCED_FRAMES || !events.eventBuffered()) {
                        flush();
                    }
                }
                flush();
                exchange.upstreamEnded();
                if (cutForSilence) { // the cut read as an end of the body
                    send(translator.upstreamIdle(idleTimeout));
                } else {
                    send(translator.endOfUpstream());
                    clean = !translator.cutShort(); // the client's stream ended first: cut, do not drain

                }
            } catch (IOException readFailure) {
                if (cutForSilence) {
                    send(translator.upstreamIdle(idleTimeout));
                } else if (!clientGone.get()) {
                    log.warn("The Qwen stream failed mid-way: {}", readFailure.toString());
                    send(translator.upstreamFailed(readFailure));
                }
            }
            finish();
            if (clean) {
                upstream.releaseForReuse(DRAIN_LIMIT);
            }
        } catch (ClientGoneException | IOException gone) {
            log.debug("Client left the stream; upstream request cancelled");
        } catch (RuntimeException unexpected) {
            log.error("Stream relay failed", unexpected);
            try {
                send(translator.gatewayFailed(unexpected));
                finish();
            } catch (RuntimeException alsoFailed) {
                log.debug("Could not report the failure to the client: {}", alsoFailed.toString());
            }
        } finally {
            finished.set(true);
            watchdog.stop();
            if (!clean) {
                upstream.abort();
            }
            upstream.close();
            exchange.streamEnded(clientGone.get());
            MDC.clear();
        }
    }

    /** Called by the watchdog when nothing was written for a heartbeat interval. */
    @Override
    public void heartbeat() {
        if (finished.get() || clientGone.get()) {
            return;
        }
        try {
            write(translator.heartbeat());
        } catch (ClientGoneException e) {
            log.debug("Client left during a silence; upstream request cancelled");
        }
    }

    /**
     * Called by the watchdog when the upstream sent nothing for the idle limit: cutting the upstream ends the relay
     * thread's blocked read, and the thread then sends the error event.
     */
    @Override
    public void upstreamIdle() {
        if (finished.get() || clientGone.get()) {
            return;
        }
        log.warn("Qwen sent nothing for {}; ending the stream and cancelling the Qwen request",
                UpstreamTimeouts.describe(idleTimeout));
        cutForSilence = true;
        upstream.abort();
    }

    private void send(List<SseFrame> frames) {
        queue(frames);
        flush();
    }

    /** Frames to write with the next flush (relay thread only). */
    private void queue(List<SseFrame> frames) {
        for (SseFrame frame : frames) {
            frame.writeTo(pending);
            pendingFrames++;
            if (exchange.capturing()) {
                exchange.clientEvent(frame.toText());
            }
        }
    }

    /** Writes the queued frames in one piece: one write and one flush to the client, one HTTP chunk. */
    private void flush() {
        if (pendingFrames == 0) {
            return;
        }
        byte[] frames = pending.toByteArray();
        pending.reset();
        pendingFrames = 0;
        write(frames);
    }

    private void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] frames) {
        if (clientGone.get()) {
            throw new ClientGoneException();
        }
        try {
            emitter.send(Set.of(new DataWithMediaType(new PreFramedEvents(frames), FRAME)));
            watchdog.wrote();
        } catch (IOException | IllegalStateException e) {
            clientWentAway();
            throw new ClientGoneException();
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true) && !clientGone.get()) {
            // The body's end goes out now, and the stream ends without a second dispatch (RelayEmitter).
            emitter.completeResponse();
        }
    }

    private void clientWentAway() {
        if (clientGone.compareAndSet(false, true)) {
            upstream.abort();
        }
    }

    private static final class ClientGoneException extends RuntimeException {
        ClientGoneException() {
            super(null, null, false, false);
        }
    }
}
