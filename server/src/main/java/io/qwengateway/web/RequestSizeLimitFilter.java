package io.qwengateway.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import io.qwengateway.errors.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * Refuses bodies over {@code gateway.limits.max-request-bytes} with a 413 in OpenAI's envelope: at once when
 * Content-Length says so, and while reading when a chunked body grows too large. Tomcat's own limits only cover form
 * posts, hence this filter.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long limitBytes;
    private final ObjectMapper json;

    public RequestSizeLimitFilter(WebProperties properties, ObjectMapper json) {
        this.limitBytes = properties.maxRequestSize().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limitBytes) {
            var error = new RequestTooLargeException(limitBytes).toApiException();
            var entity = ErrorResponses.of(error);
            response.setStatus(entity.getStatusCode().value());
            response.setContentType("application/json");
            response.setHeader("Connection", "close");
            json.writeValue(response.getOutputStream(), entity.getBody());
            return;
        }
        chain.doFilter(new LimitedRequest(request, limitBytes), response);
    }

    public static DataSize defaultLimit() {
        return DataSize.ofMegabytes(32);
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limitBytes;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limitBytes) {
            super(request);
            this.limitBytes = limitBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limitBytes);
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limitBytes;
        private long count;

        LimitedInputStream(ServletInputStream in, long limitBytes) {
            this.in = in;
            this.limitBytes = limitBytes;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) throws RequestTooLargeException {
            count += n;
            if (count > limitBytes) {
                throw new RequestTooLargeException(limitBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
