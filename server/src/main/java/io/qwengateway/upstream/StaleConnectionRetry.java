package io.qwengateway.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;

import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * One immediate resend when a reused pooled connection closes without a byte of answer ("failed to respond",
 * "connection reset"): the server closed it while it sat idle, the routine case, which would otherwise fail a request
 * or wait for the backed-off retries (Resilience4j, in {@link UpstreamCaller}) that are meant for a struggling
 * upstream.
 *
 * <p>Whether the request reached the model cannot be proven: httpclient's classic exchange throws the same
 * {@code NoHttpResponseException} for a connection the server closed before the request arrived and for one it cut
 * after reading the request (the async API's {@code RequestNotExecutedException} has no classic counterpart). So the
 * resend is conservative: only over a connection that had served a response before (a fresh connection that fails
 * like this is the upstream cutting connections, not a stale pool), at most once per client request, and counted in
 * the request's {@link SendBudget}. Everything else (refused connections, timeouts, TLS errors) is left to the
 * backed-off retries or is final.
 */
final class StaleConnectionRetry implements HttpRequestRetryStrategy {

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        if (!closedWithoutAnswer(exception) || !UpstreamRequestExecutor.overReusedConnection(context)) {
            return false;
        }
        SendBudget sends = SendBudget.of(context);
        return sends != null && sends.tryStaleResend();
    }

    static boolean closedWithoutAnswer(IOException exception) {
        if (exception instanceof NoHttpResponseException) {
            return true;
        }
        return exception instanceof SocketException
                && !(exception instanceof ConnectException) && !(exception instanceof NoRouteToHostException);
    }

    /** Statuses are never resent here: 502/503/504 are the backed-off retries' business. */
    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
