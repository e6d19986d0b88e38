package io.qwengateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import io.qwengateway.errors.ApiException;
import io.qwengateway.errors.ErrorRendering;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a path that cannot be %-decoded with a 400. Tomcat decodes the path itself but not its {@code ;parameters},
 * which Spring MVC decodes while routing: {@code /health;%zz} would otherwise fail there, and again in the error
 * dispatch, and end as a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class MalformedUrlFilter extends OncePerRequestFilter {

    private final ErrorRendering errors;

    public MalformedUrlFilter(ErrorRendering errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            StringUtils.uriDecode(request.getRequestURI(), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            errors.write(ApiException.invalidRequest("Invalid URL: the path holds a '%' that does not start a "
                    + "valid %-escape (two hexadecimal digits); write a literal '%' as %25.", null), request, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
