package io.qwengateway.conformance.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.qwengateway.conformance.harness.Json;
import io.qwengateway.conformance.recording.RecordedCall;
import io.qwengateway.conformance.scenarios.NamedEventStream.Event;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Anthropic clients (the SDKs, Claude Code) need from {@code /v1/messages}: message objects, and event streams
 * they fold into the same message. The SDKs' accumulators ({@code MessageAccumulator}, the TypeScript
 * {@code MessageStream}) and Claude Code rely on the event names equal to the data's {@code type},
 * {@code message_start} first and {@code message_stop} last, blocks started (indexes 0, 1, ...) before their deltas,
 * one block open at a time and each stopped once, and a failure as a last {@code error} event; errors before the
 * stream are JSON in Anthropic's envelope with a {@code request-id} header.
 */
public final class MessagesWireExpectations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> STOP_REASONS = Set.of("end_turn", "max_tokens", "stop_sequence", "tool_use",
            "pause_turn", "refusal");

    private MessagesWireExpectations() {
    }

    /** A message ending {@code end_turn} with text. */
    public static WireExpectation textMessage() {
        return (request, response) -> assertText(message(jsonBody(response, 200), "end_turn"));
    }

    /** A message ending {@code tool_use} with calls to tools the request offered. */
    public static WireExpectation toolUseMessage() {
        return (request, response) -> assertToolUse(request, message(jsonBody(response, 200), "tool_use"), null);
    }

    /** A message cut at one of the request's {@code stop_sequences}, which it names and does not contain. */
    public static WireExpectation stopSequenceMessage() {
        return (request, response) -> assertStoppedAtASequence(request,
                message(jsonBody(response, 200), "stop_sequence"));
    }

    /** A complete stream whose message ends {@code end_turn} with text. */
    public static WireExpectation textStream() {
        return (request, response) -> assertText(completedStream(response, "end_turn"));
    }

    /** The same, with a thinking block (text and signature) before the text. */
    public static WireExpectation thinkingStream() {
        return (request, response) -> {
            JsonNode message = completedStream(response, "end_turn");
            assertText(message);
            JsonNode thinking = message.path("content").path(0);
            assertThat(thinking.path("type").asString()).as("the first block of %s", message).isEqualTo("thinking");
            assertThat(thinking.path("thinking").asString()).isNotBlank();
            assertThat(thinking.path("signature").asString()).as("the signature (signature_delta)").isNotBlank();
        };
    }

    /** A complete stream whose message ends {@code tool_use} with calls to offered tools. */
    public static WireExpectation toolUseStream() {
        return (request, response) -> assertToolUse(request, completedStream(response, "tool_use"), null);
    }

    /** The same, with at least one call to {@code name} (a coding agent's shell tool, for example). */
    public static WireExpectation toolUseStream(String name) {
        return (request, response) -> assertToolUse(request, completedStream(response, "tool_use"), name);
    }

    /** A complete stream cut at one of the request's {@code stop_sequences}. */
    public static WireExpectation stopSequenceStream() {
        return (request, response) -> assertStoppedAtASequence(request, completedStream(response, "stop_sequence"));
    }

    /** {@code count_tokens}: {@code {"input_tokens": N}} with N positive. */
    public static WireExpectation tokenCount() {
        return (request, response) -> {
            JsonNode body = jsonBody(response, 200);
            assertThat(body.path("input_tokens").isIntegralNumber()).as("input_tokens in %s", body).isTrue();
            assertThat(body.path("input_tokens").asLong()).isPositive();
        };
    }

    /** Anthropic's model list: {@code data} of {@code type: model} entries, {@code has_more}, first and last ids. */
    public static WireExpectation modelList() {
        return (request, response) -> {
            JsonNode body = jsonBody(response, 200);
            JsonNode data = body.path("data");
            assertThat(data.isArray() && !data.isEmpty()).as("data in %s", body).isTrue();
            data.forEach(model -> {
                assertThat(model.path("type").asString()).isEqualTo("model");
                assertThat(model.path("id").asString()).isNotBlank();
                assertThat(model.path("display_name").asString()).isNotBlank();
                // anthropic-java parses it as an OffsetDateTime, and requires a known lifecycle.
                assertThatCode(() -> OffsetDateTime.parse(model.path("created_at").asString()))
                        .as("created_at of %s", model).doesNotThrowAnyException();
                assertThat(model.path("lifecycle").asString()).as("lifecycle of %s", model)
                        .isIn("active", "deprecated", "retired");
            });
            assertThat(body.path("has_more").isBoolean()).isTrue();
            assertThat(body.path("first_id").asString()).isEqualTo(data.path(0).path("id").asString());
            assertThat(body.path("last_id").asString()).isEqualTo(data.path(data.size() - 1).path("id").asString());
        };
    }

    /** An error before any stream byte: JSON in Anthropic's envelope with its type. */
    public static WireExpectation error(int status, String type) {
        return (request, response) -> assertEnvelope(jsonBody(response, status), type);
    }

    /**
     * The same, marked {@code x-should-retry: false}: a resend cannot help (a refused key, a spent quota), and the
     * Anthropic SDKs and Claude Code, which obey the header, would otherwise resend it for minutes.
     */
    public static WireExpectation finalError(int status, String type) {
        return error(status, type).and((request, response) -> assertThat(response.headers()
                .firstValue("x-should-retry")).as("x-should-retry").contains("false"));
    }

    /** A stream that fails after the 200: well framed up to a last {@code error} event, no {@code message_stop}. */
    public static WireExpectation failedStream(String type) {
        return (request, response) -> {
            List<Event> events = framedStream(response);
            Event last = events.get(events.size() - 1);
            assertThat(last.name()).as("the last event").isEqualTo("error");
            assertEnvelope(last.data(), type);
            assertThat(events.stream().filter(event -> event.name().equals("error")).count()).isEqualTo(1);
            assertThat(events).noneMatch(event -> event.name().equals("message_stop"));
            fold(events, false);
        };
    }

    /**
     * A check of the recorded request itself: its last message is the user's {@code tool_result} for a
     * {@code tool_use} of the message before, as an agent sends once it ran the tool (so the replay does exercise a
     * tool result).
     */
    public static WireExpectation sendsBackAToolResult() {
        return (request, response) -> {
            JsonNode messages = request.jsonBody().path("messages");
            Set<String> calls = new HashSet<>();
            messages.forEach(message -> message.path("content").forEach(block -> {
                if (block.path("type").asString("").equals("tool_use")) {
                    calls.add(block.path("id").asString());
                }
            }));
            JsonNode last = messages.path(messages.size() - 1);
            assertThat(last.path("role").asString()).isEqualTo("user");
            List<JsonNode> results = new ArrayList<>();
            last.path("content").forEach(block -> {
                if (block.path("type").asString("").equals("tool_result")) {
                    results.add(block);
                }
            });
            assertThat(results).as("tool_result blocks in %s", last).isNotEmpty().allSatisfy(result -> {
                assertThat(result.path("tool_use_id").asString()).isIn(calls);
                assertThat(result.path("content").toString()).isNotBlank();
            });
        };
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Status, the JSON content type (the TypeScript SDK returns a raw string otherwise) and {@code request-id}. */
    static JsonNode jsonBody(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/json");
        assertRequestId(response);
        return Json.parse(response.body());
    }

    /** The SDKs expose {@code request-id} on messages and errors ({@code _request_id}, {@code requestId()}). */
    static void assertRequestId(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("request-id")).as("request-id header").get().asString()
                .isNotBlank();
    }

    private static void assertEnvelope(JsonNode body, String type) {
        assertThat(body.path("type").asString()).as("type in %s", body).isEqualTo("error");
        assertThat(body.path("error").path("type").asString()).as("error.type in %s", body).isEqualTo(type);
        assertThat(body.path("error").path("message").asString()).as("error.message in %s", body).isNotBlank();
    }

    private static JsonNode message(JsonNode body, String stopReason) {
        assertThat(body.path("type").asString()).as("type of %s", body).isEqualTo("message");
        assertThat(body.path("id").asString()).startsWith("msg_");
        assertThat(body.path("role").asString()).isEqualTo("assistant");
        assertThat(body.path("model").asString()).isNotBlank();
        assertThat(body.path("content").isArray()).isTrue();
        assertThat(body.path("stop_reason").asString()).as("stop_reason of %s", body).isEqualTo(stopReason);
        assertThat(body.has("stop_sequence")).as("stop_sequence (null or the sequence) in %s", body).isTrue();
        JsonNode usage = body.path("usage");
        assertThat(usage.path("input_tokens").isIntegralNumber() && usage.path("output_tokens").isIntegralNumber())
                .as("usage in %s", body).isTrue();
        body.path("content").forEach(MessagesWireExpectations::assertBlock);
        return body;
    }

    private static void assertBlock(JsonNode block) {
        switch (block.path("type").asString("")) {
            case "text" -> assertThat(block.path("text").isString()).as("text of %s", block).isTrue();
            case "thinking" -> assertThat(block.path("thinking").isString() && block.path("signature").isString())
                    .as("thinking and signature of %s", block).isTrue();
            case "tool_use" -> {
                assertThat(block.path("id").asString()).as("id of %s", block).startsWith("toolu_");
                assertThat(block.path("name").asString()).isNotBlank();
                assertThat(block.path("input").isObject()).as("input of %s", block).isTrue();
            }
            default -> throw new AssertionError("a content block the gateway does not produce: " + block);
        }
    }

    private static void assertText(JsonNode message) {
        List<JsonNode> texts = blocks(message, "text");
        assertThat(texts).as("text blocks in %s", message).isNotEmpty();
        assertThat(texts.get(0).path("text").asString()).isNotBlank();
    }

    private static void assertToolUse(RecordedCall request, JsonNode message, String expectedName) {
        Set<String> offered = new HashSet<>();
        request.jsonBody().path("tools").forEach(tool -> offered.add(tool.path("name").asString()));
        List<JsonNode> calls = blocks(message, "tool_use");
        assertThat(calls).as("tool_use blocks in %s", message).isNotEmpty();
        assertThat(calls).allSatisfy(call -> assertThat(call.path("name").asString()).isIn(offered));
        if (expectedName != null) {
            assertThat(calls).extracting(call -> call.path("name").asString()).contains(expectedName);
        }
    }

    private static void assertStoppedAtASequence(RecordedCall request, JsonNode message) {
        List<String> sequences = new ArrayList<>();
        request.jsonBody().path("stop_sequences").forEach(sequence -> sequences.add(sequence.asString()));
        assertThat(sequences).as("the recorded request has stop_sequences").isNotEmpty();
        String matched = message.path("stop_sequence").asString();
        assertThat(matched).isIn(sequences);
        blocks(message, "text").forEach(text -> assertThat(text.path("text").asString()).doesNotContain(matched));
    }

    /** The framing, then the whole grammar; the message as the events built it, checked as a message. */
    private static JsonNode completedStream(HttpResponse<String> response, String stopReason) {
        return message(fold(framedStream(response), true), stopReason);
    }

    private static List<Event> framedStream(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        // Claude Code sends Accept-Encoding: gzip, deflate, br, zstd; a compressed stream would be buffered.
        assertThat(response.headers().firstValue("content-encoding")).isEmpty();
        assertRequestId(response);
        List<Event> events = NamedEventStream.parse(response.body()).events();
        assertThat(events).isNotEmpty();
        events.forEach(event -> assertThat(event.name()).as("the event name is the data's type: %s", event.data())
                .isEqualTo(event.type()));
        assertThat(events.get(0).name()).as("the first event").isEqualTo("message_start");
        assertThat(events.stream().filter(event -> event.name().equals("message_start")).count()).isEqualTo(1);
        return events;
    }

    /**
     * Folds the events into the message as the SDKs' accumulators do, asserting the grammar on the way. With
     * {@code complete}, the stream must end with {@code message_stop} after a {@code message_delta}, every block
     * closed; without, it may stop anywhere (the caller checks how).
     */
    private static ObjectNode fold(List<Event> events, boolean complete) {
        ObjectNode message = (ObjectNode) events.get(0).data().path("message").deepCopy();
        assertThat(message.path("id").asString()).startsWith("msg_");
        assertThat(message.path("content").isEmpty()).as("message_start's content").isTrue();
        assertThat(message.path("usage").path("input_tokens").isIntegralNumber()).isTrue();
        ArrayNode content = message.putArray("content");
        List<StringBuilder> partialJson = new ArrayList<>();
        Integer open = null;
        boolean delta = false;
        boolean stopped = false;
        for (Event event : events.subList(1, events.size())) {
            JsonNode data = event.data();
            assertThat(stopped).as("%s after message_stop", event.name()).isFalse();
            switch (event.name()) {
                case "ping", "error" -> {
                }
                case "content_block_start" -> {
                    assertThat(open).as("a block starts while block %s is open", open).isNull();
                    assertThat(data.path("index").asInt(-1)).as("block indexes in order").isEqualTo(content.size());
                    JsonNode block = data.path("content_block");
                    assertThat(block.path("type").asString()).isIn("text", "thinking", "tool_use");
                    // The accumulators append the deltas to the start: it must hold no text of its own.
                    assertThat(block.path("text").asString("") + block.path("thinking").asString(""))
                            .as("text in %s", block).isEmpty();
                    content.add(block.deepCopy());
                    partialJson.add(new StringBuilder());
                    open = data.path("index").asInt();
                }
                case "content_block_delta" -> {
                    assertThat(open).as("a delta for an open block: %s", data).isEqualTo(data.path("index").asInt(-1));
                    applyDelta((ObjectNode) content.get(open), data.path("delta"), partialJson.get(open));
                }
                case "content_block_stop" -> {
                    assertThat(open).as("a stop for the open block: %s", data).isEqualTo(data.path("index").asInt(-1));
                    ObjectNode block = (ObjectNode) content.get(open);
                    if (block.path("type").asString().equals("tool_use")) {
                        String json = partialJson.get(open).toString();
                        assertThatCode(() -> Json.parse(json)).as("the input_json_delta of %s", block)
                                .doesNotThrowAnyException();
                        JsonNode input = json.isEmpty() ? NODES.objectNode() : Json.parse(json);
                        assertThat(input.isObject()).as("the input_json_delta of %s make an object", block).isTrue();
                        block.set("input", input);
                    }
                    open = null;
                }
                case "message_delta" -> {
                    assertThat(open).as("message_delta while block %s is open", open).isNull();
                    JsonNode change = data.path("delta");
                    assertThat(change.path("stop_reason").asString()).isIn(STOP_REASONS);
                    message.set("stop_reason", change.path("stop_reason"));
                    message.set("stop_sequence", change.path("stop_sequence"));
                    assertThat(data.path("usage").path("output_tokens").isIntegralNumber())
                            .as("usage.output_tokens in %s", data).isTrue();
                    ((ObjectNode) message.path("usage")).setAll((ObjectNode) data.path("usage"));
                    delta = true;
                }
                case "message_stop" -> {
                    assertThat(delta).as("a message_delta before message_stop").isTrue();
                    stopped = true;
                }
                default -> throw new AssertionError("an event no Anthropic client knows: " + event.name());
            }
        }
        if (complete) {
            assertThat(stopped).as("message_stop last").isTrue();
            assertThat(open).as("a block never stopped").isNull();
        }
        return message;
    }

    private static void applyDelta(ObjectNode block, JsonNode delta, StringBuilder partialJson) {
        String kind = delta.path("type").asString("");
        switch (block.path("type").asString()) {
            case "text" -> {
                assertThat(kind).as("delta of a text block").isEqualTo("text_delta");
                block.put("text", block.path("text").asString() + delta.path("text").asString());
            }
            case "thinking" -> {
                assertThat(kind).as("delta of a thinking block").isIn("thinking_delta", "signature_delta");
                if (kind.equals("thinking_delta")) {
                    block.put("thinking", block.path("thinking").asString() + delta.path("thinking").asString());
                } else {
                    block.put("signature", delta.path("signature").asString());
                }
            }
            case "tool_use" -> {
                assertThat(kind).as("delta of a tool_use block").isEqualTo("input_json_delta");
                partialJson.append(delta.path("partial_json").asString());
            }
            default -> throw new AssertionError("a delta for " + block);
        }
    }

    private static List<JsonNode> blocks(JsonNode message, String type) {
        List<JsonNode> blocks = new ArrayList<>();
        message.path("content").forEach(block -> {
            if (block.path("type").asString("").equals(type)) {
                blocks.add(block);
            }
        });
        return blocks;
    }
}
