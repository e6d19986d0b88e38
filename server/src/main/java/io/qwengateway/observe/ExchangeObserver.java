package io.qwengateway.observe;

/**
 * Consumes the facts of each finished exchange. Called on the thread that finished it (a request thread, or a stream's
 * relay thread), so an observer must return at once: anything slow (a file, a database, the console) goes through a
 * bounded queue that drops, and counts, what it cannot take. An observer's failure is logged and never reaches the
 * client.
 */
public interface ExchangeObserver {

    void observe(ExchangeRecord exchange);

    /** Whether this observer needs the exchange's content ({@link ExchangeRecord#capture()}). */
    default boolean wantsCapture() {
        return false;
    }

    /**
     * Whether it needs the content of every exchange, not only of those that fail or stream: the client's headers
     * are then copied as each request arrives, rather than only when the request fails or its stream begins.
     */
    default boolean wantsEveryCapture() {
        return false;
    }
}
