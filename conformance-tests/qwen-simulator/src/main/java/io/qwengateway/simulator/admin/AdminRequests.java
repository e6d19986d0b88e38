package io.qwengateway.simulator.admin;

import io.qwengateway.simulator.http.OpenAiError;
import io.qwengateway.simulator.http.Router.Route;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.support.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

/**
 * Reading admin requests: JSON bodies (an empty body counts as {@code {}}), required fields, and turning a bad
 * request ({@link IllegalArgumentException} anywhere in the route) into a 400 that says what was wrong.
 */
final class AdminRequests {

    private AdminRequests() {
    }

    static Route guarded(Route route) {
        return exchange -> {
            try {
                route.handle(exchange);
            } catch (IllegalArgumentException | JacksonException badRequest) {
                exchange.respondJson(400, OpenAiError.invalidRequest(badRequest.getMessage()));
            }
        };
    }

    static JsonNode body(SimExchange exchange) {
        return exchange.body().isBlank() ? Json.object() : Json.parse(exchange.body());
    }

    static String requiredText(JsonNode json, String field) {
        String value = Json.text(json.get(field));
        if (value.isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' (a string) is required");
        }
        return value;
    }

    static int requiredInt(JsonNode json, String field) {
        if (!json.path(field).isIntegralNumber()) {
            throw new IllegalArgumentException("'" + field + "' (an integer) is required");
        }
        return json.path(field).asInt();
    }

    static Duration millis(JsonNode json, String field) {
        return Duration.ofMillis(requiredInt(json, field));
    }
}
