package io.qwengateway.streaming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.qwengateway.protocol.SseFrame;
import io.qwengateway.upstream.UpstreamResponse;

/**
 * One client stream: reads the upstream events on its own thread, writes the translated frames to the emitter, sends
 * heartbeats during silences, and cuts the upstream at once when the client goes away (a failed write, or the
 * container's error or timeout callback), so the model stops generating for nobody.
 */
final class RelaySession implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RelaySession.class);
    // Pre-framed text written as it is (SseFrame#toText): SseEmitter's own framing omits the space after "data:"
    // that clients expect.
    private static final MediaType FRAME = new MediaType("text", "plain", StandardCharsets.UTF_8);
    /** Bytes an upstream may still send after {@code [DONE]} before its connection is cut rather than reused. */
    private static final int DRAIN_LIMIT = 64 * 1024;

    private final SseEmitter emitter;
    private final UpstreamResponse upstream;
    private final StreamTranslator translator;
    private final long heartbeatNanos;
    private final AtomicBoolean clientGone = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile long lastWriteNanos = System.nanoTime();
    private volatile ScheduledFuture<?> heartbeat;
    /** The request's log context (its x-request-id), carried over to the relay thread. */
    private final Map<String, String> logContext;

    RelaySession(SseEmitter emitter, UpstreamResponse upstream, StreamTranslator translator, long heartbeatNanos, Map<String, String> logContext) {
        this.logContext = logContext;
        this.emitter = emitter;
        this.upstream = upstream;
        this.translator = translator;
        this.heartbeatNanos = heartbeatNanos;
        emitter.onError(error -> clientWentAway());
        emitter.onTimeout(this::clientWentAway);
        emitter.onCompletion(() -> {
            if (!finished.get()) {
                clientWentAway();
            }
        });
    }

    void heartbeat(ScheduledFuture<?> task) {
        this.heartbeat = task;
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
                    send(translator.translate(event));
                }
                send(translator.endOfUpstream());
                clean = !translator.cutShort();
            } catch (IOException readFailure) {
                if (!clientGone.get()) {
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
            ScheduledFuture<?> task = heartbeat;
            if (task != null) {
                task.cancel(false);
            }
            if (!clean) {
                upstream.abort();
            }
            upstream.close();
            MDC.clear();
        }
    }

    /** Called by the heartbeat scheduler. */
    void heartbeatIfSilent() {
        if (finished.get() || clientGone.get() || System.nanoTime() - lastWriteNanos < heartbeatNanos) {
            return;
        }
        try {
            write(translator.heartbeat());
        } catch (ClientGoneException e) {
            log.debug("Client left during a silence; upstream request cancelled");
        }
    }

    private void send(List<SseFrame> frames) {
        for (SseFrame frame : frames) {
            write(frame.toText());
        }
    }

    private void write(String frame) {
        if (clientGone.get()) {
            throw new ClientGoneException();
        }
        try {
            emitter.send(Set.of(new DataWithMediaType(frame, FRAME)));
            lastWriteNanos = System.nanoTime();
        } catch (IOException | IllegalStateException e) {
            clientWentAway();
            throw new ClientGoneException();
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true) && !clientGone.get()) {
            emitter.complete();
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
