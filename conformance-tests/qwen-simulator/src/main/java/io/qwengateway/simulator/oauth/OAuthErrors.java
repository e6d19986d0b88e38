package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.node.ObjectNode;

/** Error bodies of the OAuth endpoints, in the RFC 6749 shape {@code {"error","error_description"}}. */
final class OAuthErrors {

    private OAuthErrors() {
    }

    static ObjectNode body(String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }
}
