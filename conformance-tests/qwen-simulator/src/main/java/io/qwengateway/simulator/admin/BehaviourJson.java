package io.qwengateway.simulator.admin;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.qwengateway.simulator.admin.AdminRequests.millis;
import static io.qwengateway.simulator.admin.AdminRequests.requiredInt;
import static io.qwengateway.simulator.admin.AdminRequests.requiredText;

/**
 * Chat behaviours written as JSON, for the admin API. The {@code kind} is the name of the {@link ChatBehaviour}
 * factory, and the other fields its parameters, e.g.
 * {@code {"kind":"status","status":429,"body":{...},"headers":{"Retry-After":"2"}}} or
 * {@code {"kind":"slowStream","chunks":10,"delayMs":200}}.
 */
final class BehaviourJson {

    private BehaviourJson() {
    }

    /** One behaviour object, or an array of them. */
    static List<ChatBehaviour> parseAll(JsonNode json) {
        List<ChatBehaviour> behaviours = new ArrayList<>();
        if (json.isArray()) {
            json.forEach(item -> behaviours.add(parse(item)));
        } else {
            behaviours.add(parse(json));
        }
        return behaviours;
    }

    static ChatBehaviour parse(JsonNode json) {
        String kind = requiredText(json, "kind");
        return switch (kind) {
            case "ok" -> ChatBehaviour.ok();
            case "status" -> ChatBehaviour.status(requiredInt(json, "status"), textOrJson(json.path("body")),
                    headers(json.path("headers")));
            case "staleToken401" -> ChatBehaviour.staleToken401();
            case "forbidden403" -> ChatBehaviour.forbidden403();
            case "quotaExceeded429" -> ChatBehaviour.quotaExceeded429();
            case "throttled429" -> ChatBehaviour.throttled429(requiredInt(json, "retryAfterSeconds"));
            case "contextTooLong400" -> ChatBehaviour.contextTooLong400();
            case "dataInspectionFailed400" -> ChatBehaviour.dataInspectionFailed400();
            case "gatewayTimeout504" -> ChatBehaviour.gatewayTimeout504();
            case "badGateway502" -> ChatBehaviour.badGateway502();
            case "serviceUnavailable503" -> ChatBehaviour.serviceUnavailable503();
            case "resetBeforeResponse" -> ChatBehaviour.resetBeforeResponse();
            case "delayHeaders" -> ChatBehaviour.delayHeaders(millis(json, "delayMs"));
            case "streamCut" -> ChatBehaviour.streamCut(requiredInt(json, "chunks"));
            case "streamEndsSilently" -> ChatBehaviour.streamEndsSilently(requiredInt(json, "chunks"));
            case "streamErrorEvent" -> ChatBehaviour.streamErrorEvent(requiredInt(json, "chunks"),
                    requiredInt(json, "status"), textOrJson(json.path("error")));
            case "midStreamTimeout" -> ChatBehaviour.midStreamTimeout(requiredInt(json, "chunks"));
            case "errorFinish" -> json.has("error")
                    ? ChatBehaviour.errorFinish(requiredInt(json, "chunks"), textOrJson(json.path("error")))
                    : ChatBehaviour.errorFinish(requiredInt(json, "chunks"));
            case "cumulativeDeltas" -> ChatBehaviour.cumulativeDeltas();
            case "reasoning" -> ChatBehaviour.reasoning();
            case "toolCallQuirks" -> ChatBehaviour.toolCallQuirks();
            case "truncatedToolCall" -> ChatBehaviour.truncatedToolCall();
            case "callTool" -> ChatBehaviour.callTool(requiredText(json, "name"), textOrJson(json.path("arguments")));
            case "answerWithoutTools" -> ChatBehaviour.answerWithoutTools();
            case "slowStream" -> ChatBehaviour.slowStream(requiredInt(json, "chunks"), millis(json, "delayMs"));
            case "stallBeforeResponse" -> ChatBehaviour.stallBeforeResponse();
            case "stallMidStream" -> ChatBehaviour.stallMidStream(requiredInt(json, "chunks"));
            default -> throw new IllegalArgumentException("unknown behaviour kind '" + kind + "'");
        };
    }

    /** Bodies may be given as JSON (sent compact) or as a string (sent as is). */
    private static String textOrJson(JsonNode body) {
        if (body.isMissingNode() || body.isNull()) {
            return "";
        }
        return body.isString() ? body.stringValue() : Json.compact(body);
    }

    private static Map<String, String> headers(JsonNode headers) {
        Map<String, String> result = new LinkedHashMap<>();
        headers.properties().forEach(header -> result.put(header.getKey(), header.getValue().asString()));
        return result;
    }
}
