package io.qwengateway.streaming;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.servlet.AsyncContext;

/**
 * The relay's emitter, which ends its response without a second trip through the servlet. Spring's
 * {@link SseEmitter#complete()} ends a stream with an async <em>dispatch</em>: the request runs through every filter
 * and the {@code DispatcherServlet} again (a handler lookup, a new handler method, a null result that nothing
 * writes) only for the container to close the response afterwards, about a tenth of a stream's CPU on the container
 * threads (docs/performance.md). Once Spring has started the async request and handed the emitter its handler
 * ({@link EmitterInResponseEntityHandler}), everything the relay writes goes straight to the response, so completing
 * the servlet's {@link AsyncContext} ends the response just the same: the container writes the end of the chunked
 * body and fires the same completion callbacks (Spring's, the emitter's, the observation filter's), without the
 * dispatch. A stream the relay finishes before that point (an upstream faster than the request thread) ends when
 * Spring hands it over; a stream whose client left is never completed here.
 */
final class RelayEmitter extends SseEmitter {

    private final Object lock = new Object();
    private boolean handedOver;
    private AsyncContext context;
    private boolean completed;

    RelayEmitter(Long timeout) {
        super(timeout);
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
        if (started == null) {
            complete();
        } else {
            started.complete();
        }
    }
}
