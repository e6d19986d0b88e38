package io.qwengateway.simulator.http;

import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.node.ObjectNode;

/** Error bodies in the OpenAI shape {@code {"error":{"message","type","param","code"}}}, as the model API has them. */
public final class OpenAiError {

    /** The model API's answer to a bearer token it does not accept (unknown, expired, or OAuth tier gone). */
    public static final String INVALID_ACCESS_TOKEN =
            body("invalid access token or token expired", "invalid_request_error", null, "invalid_api_key");

    private OpenAiError() {
    }

    public static String body(String message, String type, String param, String code) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode body = Json.object();
        body.set("error", error);
        return Json.compact(body);
    }

    public static String invalidRequest(String message) {
        return body(message, "invalid_request_error", null, null);
    }

    public static String notFound(String method, String path) {
        return body("Invalid URL (" + method + " " + path + ")", "invalid_request_error", null, "not_found");
    }
}
