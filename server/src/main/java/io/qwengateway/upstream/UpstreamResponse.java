package io.qwengateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * An open upstream response whose body has not been read: the streaming relay reads it as it arrives. Must be closed;
 * {@link #abort()} cuts the connection at once (the client went away), so the upstream stops generating.
 */
public class UpstreamResponse implements AutoCloseable {

    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;
    private volatile String upstreamName;

    UpstreamResponse(HttpUriRequestBase request, ClassicHttpResponse response) {
        this.request = request;
        this.response = response;
    }

    /** The pool's upstream that answered (its configured name), once the caller has chosen it; else null. */
    public String upstreamName() {
        return upstreamName;
    }

    /** Records which upstream answered; returns this response. */
    UpstreamResponse servedBy(String name) {
        this.upstreamName = name;
        return this;
    }

    public int status() {
        return response.getCode();
    }

    public boolean isSuccess() {
        return status() >= 200 && status() < 300;
    }

    public String header(String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    public InputStream body() throws IOException {
        return response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
    }

    public byte[] readBody() throws IOException {
        try (InputStream in = body()) {
            return in.readAllBytes();
        }
    }

    /** Up to {@code limit} bytes of the body, as text: enough to classify an error. */
    public String readText(int limit) throws IOException {
        try (InputStream in = body()) {
            return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads what is left of a body the caller is done with (after {@code [DONE]} only the chunked terminator should
     * remain), so that the connection returns to the pool instead of being closed: a new connection per stream
     * costs a handshake and, under load, overflows the upstream's accept queue. More than {@code limit} bytes left
     * means the upstream is still talking: the connection is cut instead.
     */
    public void releaseForReuse(int limit) {
        try (InputStream in = body()) {
            long skipped = 0;
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                skipped += n;
                if (skipped > limit) {
                    abort();
                    return;
                }
            }
        } catch (IOException e) {
            abort();
        }
    }

    public void abort() {
        request.cancel();
    }

    @Override
    public void close() {
        try {
            response.close();
        } catch (IOException e) {
            // Closing a connection that failed: nothing more to do.
        }
    }
}
