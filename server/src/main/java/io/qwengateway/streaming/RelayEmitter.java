package io.qwengateway.streaming;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The relay's emitter, which ends its response on the thread that finishes the stream, without a second trip through
 * the servlet.
 *
 * <p>Spring's {@link SseEmitter#complete()} ends a stream with an async <em>dispatch</em>: the request runs through
 * every filter and the {@code DispatcherServlet} again (a handler lookup, a new handler method, a null result that
 * nothing writes) only for the container to close the response afterwards, about a tenth of a stream's CPU on the
 * container threads; and the container writes the body's end (the last, empty chunk) only once that dispatch has run
 * on one of its request threads. On Java 17 those are a bounded pool, so a finished stream's client waited for a free
 * request thread to see the end of a body whose {@code [DONE]} it had already read (seconds with 1,000 streams); on
 * Java 21+ the dispatch's virtual thread waited in the scheduler's queue (docs/performance.md).
 *
 * <p>So the relay ends a stream in two steps. It closes the servlet output stream, which makes Tomcat write the end of
 * the body at once, from this thread; then, once Spring has started the async request and handed the emitter its
 * handler ({@link EmitterInResponseEntityHandler}), it completes the servlet's {@link AsyncContext}, which fires the
 * same completion callbacks (Spring's, the emitter's, the observation filter's) without the dispatch. A stream the
 * relay finishes before that hand-over (an upstream faster than the request thread) ends when Spring hands it over; if
 * Spring's handler failed, it ends through Spring as before; a stream whose client left is never completed here. The
 * bytes on the wire are the same, only earlier.
 */
final class RelayEmitter extends SseEmitter {

    private static final Logger log = LoggerFactory.getLogger(RelayEmitter.class);

    private final Object lock = new Object();
    private boolean handedOver;
    private AsyncContext context;
    private boolean completed;

    /** The response, once Spring MVC has handed the emitter its output (before the first frame is written). */
    private volatile HttpServletResponse response;

    RelayEmitter(Long timeout) {
        super(timeout);
    }

    @Override
    protected void extendResponse(ServerHttpResponse outputMessage) {
        super.extendResponse(outputMessage);
        if (outputMessage instanceof ServletServerHttpResponse servlet) {
            response = servlet.getServletResponse();
        }
    }

    /**
     * Spring has started the async request and initialised this emitter (its early frames are written): from now on
     * the relay's writes reach the response. {@code context} null: end the stream through Spring after all. A stream
     * that the relay finished before this point ends here, on the request thread.
     */
    void handedOver(AsyncContext context) {
        boolean endNow;
        synchronized (lock) {
            handedOver = true;
            this.context = context;
            endNow = completed;
        }
        if (endNow) {
            end(context);
        }
    }

    /** Ends the stream normally, once Spring has handed it over (at once, or when it does). */
    void completeResponse() {
        boolean endNow;
        AsyncContext started;
        synchronized (lock) {
            completed = true;
            endNow = handedOver;
            started = context;
        }
        if (endNow) {
            end(started);
        }
    }

    private void end(AsyncContext started) {
        // Under the emitter's own lock: Spring MVC writes the queued frames under it, and no heartbeat can slip a
        // frame in between the end of the body and the completion.
        writeLock.lock();
        try {
            endBody();
            if (started == null) {
                complete();
            } else {
                started.complete();
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Ends the body now when the frames sent so far are on their way. Until the response is committed, frames may
     * still be queued inside the emitter, and the body is left to the completion to end.
     */
    private void endBody() {
        HttpServletResponse servlet = response;
        if (servlet != null && servlet.isCommitted()) {
            try {
                servlet.getOutputStream().close();
            } catch (IOException | IllegalStateException e) {
                // The client is gone: the container reports it, and the completion cleans up.
                log.debug("Could not end the stream's body: {}", e.toString());
            }
        }
    }
}
