package io.qwengateway.simulator.http;

/**
 * Thrown out of a handler to make the JDK server drop the connection on the spot.
 *
 * <p>The JDK's {@code HttpServer} closes the socket when a handler throws, without writing anything more: no
 * response if none was started, and no terminating zero-length chunk if a chunked body was under way. That is
 * exactly how an upstream connection reset or a cut stream looks to a client, so simulated failures use it.
 */
public final class ConnectionAbort extends RuntimeException {

    public ConnectionAbort(String reason) {
        super(reason, null, false, false);
    }
}
