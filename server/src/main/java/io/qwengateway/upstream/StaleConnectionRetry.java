package io.qwengateway.upstream;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.util.TimeValue;

/**
 * Immediate resends when a pooled connection turns out to be dead before any response byte arrived (the server
 * closed it while it sat idle: "failed to respond", "connection reset"). Such a request never reached the model, so
 * resending a POST is safe, and doing it at once, inside httpclient, keeps these routine failures away from the
 * gateway's backed-off retries (Resilience4j, in {@link UpstreamCaller}) which are for a struggling upstream. A burst
 * can find several dead connections in the pool, hence more than one resend; each dead one is discarded.
 */
final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {

    private static final int MAX_RESENDS = 3;

    StaleConnectionRetry() {
        super(MAX_RESENDS, TimeValue.ZERO_MILLISECONDS,
                List.of(InterruptedIOException.class, UnknownHostException.class, ConnectException.class,
                        NoRouteToHostException.class, SSLException.class),
                List.of());
    }

    @Override
    protected boolean handleAsIdempotent(HttpRequest request) {
        return true;
    }
}
