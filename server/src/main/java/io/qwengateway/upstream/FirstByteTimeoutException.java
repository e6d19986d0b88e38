package io.qwengateway.upstream;

import java.net.SocketTimeoutException;

/**
 * The request was sent and the upstream said nothing within the first-byte limit. Told apart from the other socket
 * timeouts (connect, TLS handshake), which happen before anything was sent and may be retried; this one is not (see
 * {@link UpstreamCaller}).
 */
final class FirstByteTimeoutException extends SocketTimeoutException {

    FirstByteTimeoutException(SocketTimeoutException cause) {
        super("no response head within the first-byte limit");
        initCause(cause);
    }
}
