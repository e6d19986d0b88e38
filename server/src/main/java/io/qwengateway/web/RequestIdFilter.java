package io.qwengateway.web;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every request an id, returned as {@code x-request-id} on every response (streams and errors included; the
 * OpenAI SDKs expose it) and carried in the log context so a user's report can be matched to the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "x-request-id";
    public static final String ANTHROPIC_HEADER = "request-id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    static final String ARRIVAL = RequestIdFilter.class.getName() + ".arrival";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = newId();
        request.setAttribute(ARRIVAL, System.nanoTime()); // the request's latency counts from here
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        if (request.getHeader("anthropic-version") != null || request.getRequestURI().startsWith("/v1/messages")) {
            response.setHeader(ANTHROPIC_HEADER, id); // where the Anthropic SDKs look for it
        }
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true;
    }

    /**
     * 128 random bits in hex. Not {@code UUID.randomUUID()}: its SecureRandom serialises every request on one lock,
     * and an id that only correlates logs needs no cryptographic strength.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "req_" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    /** When the request reached the first filter ({@link System#nanoTime()}); now when unknown. */
    static long arrivalOf(HttpServletRequest request) {
        return request.getAttribute(ARRIVAL) instanceof Long arrival ? arrival : System.nanoTime();
    }

    /** The id of the request being served, for components that log or forward it. */
    public static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? "req_unknown" : id.toString();
    }
}
