package io.qwengateway.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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

    /** The path the request was sent to, without the query string ({@code /v1/chat/completions}). */
    public static String path() {
        jakarta.servlet.http.HttpServletRequest request = servletRequest();
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** {@code POST /v1/chat/completions?query}, as the client sent it. */
    public static String requestLine() {
        jakarta.servlet.http.HttpServletRequest request = servletRequest();
        String query = request.getQueryString();
        return request.getMethod() + " " + request.getRequestURI() + (query == null ? "" : "?" + query);
    }

    /** When the request arrived ({@link System#nanoTime()}), as the first filter saw it. */
    public static long arrivalNanos() {
        return RequestIdFilter.arrivalOf(servletRequest());
    }

    /** The request's headers as sent, values unmasked: for debug files, which mask them. */
    public static List<Map.Entry<String, String>> headers() {
        jakarta.servlet.http.HttpServletRequest request = servletRequest();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(Map.entry(name, value));
            }
        }
        return headers;
    }

    /** The request body's bytes as they arrived, if a JSON body was read ({@link JsonBodyCapture}). */
    public static byte[] rawBody() {
        return JsonBodyCapture.capturedBytes();
    }

    private static jakarta.servlet.http.HttpServletRequest servletRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
