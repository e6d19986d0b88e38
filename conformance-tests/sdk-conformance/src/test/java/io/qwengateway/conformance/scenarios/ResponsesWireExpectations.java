package io.qwengateway.conformance.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qwengateway.conformance.harness.Json;
import io.qwengateway.conformance.recording.RecordedCall;
import io.qwengateway.conformance.scenarios.NamedEventStream.Event;
import tools.jackson.databind.JsonNode;

/**
 * What Responses API clients (the SDKs' {@code client.responses}, the Codex CLI) need from {@code /v1/responses}:
 * response objects, and event streams whose events they can fold into the same object. The SDKs' stream helpers
 * (openai-node's {@code ResponseStream}, openai-java's {@code ResponseAccumulator}) and Codex rely on the event names,
 * the sequence numbers, items opened before their deltas and closed once, and one terminal event at the end.
 */
public final class ResponsesWireExpectations {

    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete",
            "response.failed");

    private ResponsesWireExpectations() {
    }

    /** A completed response object whose output holds an assistant message with text. */
    public static WireExpectation textResponse() {
        return (request, response) -> assertMessage(responseObject(WireExpectations.jsonBody(response, 200),
                "completed"));
    }

    /** A completed response object calling functions the request offered, with JSON arguments. */
    public static WireExpectation toolCallResponse() {
        return (request, response) -> assertFunctionCalls(request,
                responseObject(WireExpectations.jsonBody(response, 200), "completed"), null);
    }

    /** A complete event stream ending {@code response.completed} with an assistant message. */
    public static WireExpectation textStream() {
        return (request, response) -> assertMessage(completedStream(response));
    }

    /** A complete event stream ending {@code response.completed} with calls to offered functions. */
    public static WireExpectation toolCallStream() {
        return (request, response) -> assertFunctionCalls(request, completedStream(response), null);
    }

    /** The same, with at least one call to {@code name} (a coding agent's shell tool, for example). */
    public static WireExpectation toolCallStream(String name) {
        return (request, response) -> assertFunctionCalls(request, completedStream(response), name);
    }

    /**
     * A stream that failed after the 200: well framed up to a last {@code response.failed} event whose response
     * carries the error code (from the Responses API's {@code ResponseErrorCode} list, which openai-java validates).
     */
    public static WireExpectation failedStream(String code) {
        return (request, response) -> {
            JsonNode failed = eventStream(response, "response.failed");
            assertThat(failed.path("status").asString()).isEqualTo("failed");
            assertThat(failed.path("error").path("code").asString()).as("error in %s", failed).isEqualTo(code);
            assertThat(failed.path("error").path("message").asString()).isNotBlank();
        };
    }

    /**
     * A check of the recorded request itself: it sends back the output of a function call that its input also
     * holds, as an agent does once it ran the tool (so the replay does exercise a tool result).
     */
    public static WireExpectation sendsBackAToolOutput() {
        return (request, response) -> {
            Set<String> calls = new HashSet<>();
            List<JsonNode> outputs = new ArrayList<>();
            for (JsonNode item : request.jsonBody().path("input")) {
                switch (item.path("type").asString("")) {
                    case "function_call" -> calls.add(item.path("call_id").asString());
                    case "function_call_output" -> outputs.add(item);
                    default -> {
                    }
                }
            }
            assertThat(outputs).as("function_call_output items in the request").isNotEmpty();
            assertThat(outputs).allSatisfy(output -> {
                assertThat(output.path("call_id").asString()).isIn(calls);
                assertThat(output.path("output").asString("")).isNotBlank();
            });
        };
    }

    private static JsonNode completedStream(HttpResponse<String> response) {
        JsonNode completed = eventStream(response, "response.completed");
        JsonNode usage = completed.path("usage");
        assertThat(usage.path("total_tokens").asLong()).as("usage in %s", completed)
                .isEqualTo(usage.path("input_tokens").asLong() + usage.path("output_tokens").asLong())
                .isPositive();
        return responseObject(completed, "completed");
    }

    /**
     * The framing and the event grammar of a whole stream, and its final response object (from the terminal event),
     * which must be what the item events built.
     */
    private static JsonNode eventStream(HttpResponse<String> response, String terminal) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        // Codex sends Accept-Encoding: zstd,gzip; a compressed event stream would be buffered or unreadable.
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
        WireExpectations.assertRequestId(response);
        List<Event> events = NamedEventStream.parse(response.body()).events();
        assertThat(events).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertThat(event.name()).as("the event name is the data's type").isEqualTo(event.type());
            assertThat(event.data().path("sequence_number").isIntegralNumber()).as("sequence_number in %s", event)
                    .isTrue();
            if (i == 0) {
                assertThat(event.data().path("sequence_number").asLong()).as("the first sequence number").isZero();
            } else {
                assertThat(event.data().path("sequence_number").asLong()).as("sequence numbers increase")
                        .isGreaterThan(events.get(i - 1).data().path("sequence_number").asLong());
            }
        }
        assertThat(events.get(0).type()).isEqualTo("response.created");
        assertThat(events.get(1).type()).isEqualTo("response.in_progress");
        assertThat(events.stream().filter(event -> TERMINAL.contains(event.type())).toList())
                .as("exactly one terminal event, the last").containsExactly(events.get(events.size() - 1));
        assertThat(events.get(events.size() - 1).type()).isEqualTo(terminal);
        String id = events.get(0).data().path("response").path("id").asString();
        assertThat(id).startsWith("resp_");
        events.stream().filter(event -> event.data().has("response")).forEach(event ->
                assertThat(event.data().path("response").path("id").asString()).as("one response id").isEqualTo(id));
        // A failure may leave items open: nothing more comes for them.
        boolean failed = terminal.equals("response.failed");
        List<JsonNode> items = itemLifecycle(events, !failed);
        JsonNode last = events.get(events.size() - 1).data().path("response");
        if (!failed) {
            assertThat(List.copyOf(toList(last.path("output")))).as("the final output is the items as done")
                    .isEqualTo(items);
        }
        return last;
    }

    /**
     * Items are announced ({@code output_item.added}, output indexes 0, 1, ...), receive their part, text and
     * argument events only while open, and are closed once ({@code output_item.done}); each {@code .done} text is
     * the sum of its deltas. Returns the done items in output order.
     */
    private static List<JsonNode> itemLifecycle(List<Event> events, boolean allClosed) {
        Map<String, Integer> open = new HashMap<>();
        Map<Integer, JsonNode> done = new LinkedHashMap<>();
        Map<String, StringBuilder> deltas = new HashMap<>();
        int added = 0;
        for (Event event : events) {
            JsonNode data = event.data();
            String type = event.type();
            if (type.equals("response.output_item.added")) {
                assertThat(data.path("output_index").asInt(-1)).as("output indexes in order").isEqualTo(added++);
                assertThat(open.put(data.path("item").path("id").asString(), data.path("output_index").asInt()))
                        .as("an item is added once").isNull();
            } else if (type.equals("response.output_item.done")) {
                String itemId = data.path("item").path("id").asString();
                assertThat(open.remove(itemId)).as("done for an open item: %s", data)
                        .isEqualTo(data.path("output_index").asInt());
                assertThat(data.path("item").path("status").asString()).isIn("completed", "incomplete");
                done.put(data.path("output_index").asInt(), data.path("item"));
            } else if (data.has("item_id")) {
                assertThat(open).as("%s for an open item", type).containsKey(data.path("item_id").asString());
                assertThat(data.path("output_index").asInt(-1)).isEqualTo(open.get(data.path("item_id").asString()));
                String key = data.path("item_id").asString() + " " + data.path("content_index").asInt(0) + " "
                        + data.path("summary_index").asInt(0);
                if (type.endsWith(".delta")) {
                    deltas.computeIfAbsent(key, unused -> new StringBuilder()).append(data.path("delta").asString());
                } else if (type.endsWith("_text.done") || type.equals("response.function_call_arguments.done")) {
                    String whole = data.has("text") ? data.path("text").asString()
                            : data.path("arguments").asString();
                    StringBuilder sum = deltas.remove(key);
                    assertThat(sum == null ? "" : sum.toString()).as("the deltas of %s", type).isEqualTo(whole);
                }
            }
        }
        if (allClosed) {
            assertThat(open).as("items never closed").isEmpty();
        }
        return List.copyOf(done.values());
    }

    private static JsonNode responseObject(JsonNode body, String status) {
        assertThat(body.path("object").asString()).as("object of %s", body).isEqualTo("response");
        assertThat(body.path("id").asString()).startsWith("resp_");
        assertThat(body.path("status").asString()).isEqualTo(status);
        assertThat(body.path("created_at").isIntegralNumber()).isTrue();
        assertThat(body.path("model").asString()).isNotBlank();
        assertThat(body.path("error").isNull()).as("error in %s", body).isTrue();
        assertThat(body.path("output").isArray()).isTrue();
        JsonNode usage = body.path("usage");
        assertThat(usage.path("input_tokens").isIntegralNumber() && usage.path("output_tokens").isIntegralNumber())
                .as("usage in %s", body).isTrue();
        assertThat(usage.path("input_tokens_details").path("cached_tokens").isIntegralNumber()).isTrue();
        assertThat(usage.path("output_tokens_details").path("reasoning_tokens").isIntegralNumber()).isTrue();
        body.path("output").forEach(item -> {
            assertThat(item.path("id").asString()).as("id of %s", item).isNotBlank();
            assertThat(item.path("type").asString()).isNotBlank();
        });
        return body;
    }

    private static void assertMessage(JsonNode response) {
        List<JsonNode> messages = toList(response.path("output")).stream()
                .filter(item -> item.path("type").asString().equals("message")).toList();
        assertThat(messages).as("messages in %s", response.path("output")).hasSize(1);
        JsonNode message = messages.get(0);
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("status").asString()).isEqualTo("completed");
        JsonNode part = message.path("content").path(0);
        assertThat(part.path("type").asString()).isEqualTo("output_text");
        assertThat(part.path("annotations").isArray()).as("annotations (required) in %s", part).isTrue();
        assertThat(part.path("text").asString()).isNotBlank();
    }

    private static void assertFunctionCalls(RecordedCall request, JsonNode response, String expectedName) {
        Set<String> offered = offeredFunctions(request.jsonBody().path("tools"));
        List<JsonNode> calls = toList(response.path("output")).stream()
                .filter(item -> item.path("type").asString().equals("function_call")).toList();
        assertThat(calls).as("function calls in %s", response.path("output")).isNotEmpty();
        for (JsonNode call : calls) {
            assertThat(call.path("call_id").asString()).isNotBlank();
            assertThat(call.path("status").asString()).isEqualTo("completed");
            assertThat(qualified(call)).as("an offered function").isIn(offered);
            assertThat(Json.parse(call.path("arguments").asString()).isObject()).isTrue();
        }
        if (expectedName != null) {
            assertThat(calls).extracting(call -> call.path("name").asString()).contains(expectedName);
        }
    }

    /** Function names as offered: plain, or {@code namespace/name} for the functions of a namespace tool. */
    private static Set<String> offeredFunctions(JsonNode tools) {
        Set<String> names = new HashSet<>();
        for (JsonNode tool : tools) {
            switch (tool.path("type").asString("")) {
                case "function" -> names.add(tool.path("name").asString());
                case "namespace" -> tool.path("tools").forEach(inner ->
                        names.add(tool.path("name").asString() + "/" + inner.path("name").asString()));
                default -> {
                }
            }
        }
        return names;
    }

    private static String qualified(JsonNode call) {
        return call.path("namespace").isString() ? call.path("namespace").asString() + "/" + call.path("name")
                .asString() : call.path("name").asString();
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
