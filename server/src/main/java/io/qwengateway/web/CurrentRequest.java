package io.qwengateway.web;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import tools.jackson.databind.node.ObjectNode;

/** What the delegates need of the request being served, beyond the contract model they receive. */
public final class CurrentRequest {

    private CurrentRequest() {
    }

    /** The request's JSON body exactly as the client sent it (see {@link JsonBodyCapture}). */
    public static ObjectNode jsonBody() {
        return JsonBodyCapture.currentBody();
    }

    /** The request's {@code x-request-id}. */
    public static String id() {
        return RequestIdFilter.of(servletRequest());
    }

    /** The client speaks Anthropic's API: it sends {@code anthropic-version}, as the Anthropic SDKs always do. */
    public static boolean isAnthropic() {
        return servletRequest().getHeader("anthropic-version") != null;
    }

    /** A header of the request being served, or null (also outside a request). */
    public static String header(String name) {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getHeader(name) : null;
    }

    /** Who sent the request: its client key (by position, never the key) or its remote address. */
    public static String caller() {
        return ClientKeyFilter.callerOf(servletRequest());
    }

    private static jakarta.servlet.http.HttpServletRequest servletRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
