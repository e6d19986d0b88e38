package io.qwengateway.upstream;

import java.io.IOException;
import java.net.SocketTimeoutException;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * httpclient's exchange over one connection, with what the gateway needs from the one place that sees both the
 * connection and the exchange:
 * <ul>
 * <li>whether the connection had already served a response (a pooled one, reused), for {@link StaleConnectionRetry};
 * httpclient's classic API has no exception that says "the request was not sent": a reused connection that the
 * server had closed and one cut after the request arrived both end in {@code NoHttpResponseException};</li>
 * <li>a timeout while waiting for the response head becomes a {@link FirstByteTimeoutException};</li>
 * <li>once the head has arrived, the first-byte limit (the request's response timeout, which httpclient set as the
 * socket timeout) gives way to the read timeout between two bytes of the body.</li>
 * </ul>
 */
final class UpstreamRequestExecutor extends HttpRequestExecutor {

    private static final String REUSED_CONNECTION = UpstreamRequestExecutor.class.getName() + ".reused";

    private final Timeout readTimeout;

    UpstreamRequestExecutor(Timeout readTimeout) {
        this.readTimeout = readTimeout;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, HttpClientConnection connection,
            HttpResponseInformationCallback informationCallback, HttpContext context)
            throws IOException, HttpException {
        EndpointDetails details = connection.getEndpointDetails();
        context.setAttribute(REUSED_CONNECTION, details != null && details.getResponseCount() > 0);
        ClassicHttpResponse response;
        try {
            response = super.execute(request, connection, informationCallback, context);
        } catch (SocketTimeoutException e) {
            // Blocking writes have no timeout: a socket timeout in here is the wait for the response head.
            throw new FirstByteTimeoutException(e);
        }
        connection.setSocketTimeout(readTimeout);
        return response;
    }

    /** Whether the last exchange in this context went over a connection that had served a response before. */
    static boolean overReusedConnection(HttpContext context) {
        return Boolean.TRUE.equals(context.getAttribute(REUSED_CONNECTION));
    }
}
