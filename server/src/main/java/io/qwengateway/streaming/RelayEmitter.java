package io.qwengateway.streaming;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The relay's {@link SseEmitter}, which can end the response body on the thread that finishes the stream.
 *
 * <p>{@link #complete()} ends a stream with an async dispatch, and the container writes the body's end (the last,
 * empty chunk) only once that dispatch has run on one of its request threads. On Java 17 those are a bounded pool, so
 * a finished stream's client waited for a free request thread to see the end of a body whose {@code [DONE]} it had
 * already read (seconds with 1,000 streams: docs/performance.md); on Java 21+ the dispatch's virtual thread waited in
 * the scheduler's queue (0.5-1.8 s at p99 in ProcessBenchmark's burst). Closing the servlet output stream first makes
 * Tomcat write that end at once, from this thread; the dispatch that follows still runs, and writes nothing more. The
 * bytes on the wire are the same, only earlier.
 */
final class RelayEmitter extends SseEmitter {

    private static final Logger log = LoggerFactory.getLogger(RelayEmitter.class);

    /** The response, once Spring MVC has handed the emitter its output (before the first frame is written). */
    private volatile HttpServletResponse response;

    RelayEmitter(long timeoutMillis) {
        super(timeoutMillis);
    }

    @Override
    protected void extendResponse(ServerHttpResponse outputMessage) {
        super.extendResponse(outputMessage);
        if (outputMessage instanceof ServletServerHttpResponse servlet) {
            response = servlet.getServletResponse();
        }
    }

    /**
     * Ends the body now when the frames sent so far are on their way, then completes the emitter as usual. Frames
     * sent before Spring MVC took the emitter over are still queued inside it and go out when it does; until then the
     * response is not committed, and the body is left to the dispatch to end.
     */
    void completeAndEndBody() {
        // Under the emitter's own lock: Spring MVC writes the queued frames under it, and no heartbeat can slip a
        // frame in between the end of the body and the completion.
        writeLock.lock();
        try {
            HttpServletResponse servlet = response;
            if (servlet != null && servlet.isCommitted()) {
                try {
                    servlet.getOutputStream().close();
                } catch (IOException | IllegalStateException e) {
                    // The client is gone: the container reports it, and the completion below cleans up.
                    log.debug("Could not end the stream's body: {}", e.toString());
                }
            }
            complete();
        } finally {
            writeLock.unlock();
        }
    }
}
