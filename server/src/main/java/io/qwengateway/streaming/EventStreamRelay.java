package io.qwengateway.streaming;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.qwengateway.observe.Exchange;
import io.qwengateway.upstream.UpstreamResponse;

/**
 * Relays an upstream event stream to the client through an {@link SseEmitter}. The upstream has already answered 2xx
 * (errors before the first byte went out as plain JSON errors); from here on every failure is an error event.
 */
@Component
public class EventStreamRelay {

    private static final MediaType EVENT_STREAM = new MediaType("text", "event-stream", java.nio.charset.StandardCharsets.UTF_8);

    private final StreamingProperties properties;
    private final Executor relayExecutor;
    private final ScheduledExecutorService timers;

    public EventStreamRelay(StreamingProperties properties, @Qualifier("streamRelayExecutor") Executor relayExecutor,
            @Qualifier("streamTimers") ScheduledExecutorService timers) {
        this.properties = properties;
        this.relayExecutor = relayExecutor;
        this.timers = timers;
    }

    public ResponseEntity<Object> relay(UpstreamResponse upstream, StreamTranslator translator) {
        return relay(upstream, translator, Exchange.unobserved());
    }

    /** @param exchange told of the frames sent and of the stream's end, for the operator's view */
    public ResponseEntity<Object> relay(UpstreamResponse upstream, StreamTranslator translator, Exchange exchange) {
        RelayEmitter emitter = new RelayEmitter(properties.timeout().toMillis());
        RelaySession session = new RelaySession(emitter, upstream, translator, properties.idleTimeout(),
                MDC.getCopyOfContextMap(), exchange, properties.fastPath());
        exchange.streamStarted();
        session.watch(new StreamWatchdog(timers, relayExecutor, properties.heartbeatInterval().toNanos(),
                properties.idleTimeout().toNanos(), System::nanoTime, session));
        relayExecutor.execute(session);
        return ResponseEntity.ok()
                .contentType(EVENT_STREAM)
                .cacheControl(CacheControl.noCache())
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }
}
