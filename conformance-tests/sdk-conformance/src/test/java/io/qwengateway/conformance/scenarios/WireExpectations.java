package io.qwengateway.conformance.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.qwengateway.conformance.harness.Json;
import io.qwengateway.conformance.recording.RecordedCall;
import tools.jackson.databind.JsonNode;

/**
 * The wire facts the three SDKs rely on (the project's {@code openai-wire.md}), one expectation per kind of answer.
 * Each check names the SDK behaviour it protects where that is not obvious.
 */
public final class WireExpectations {

    private WireExpectations() {
    }

    /** A non-streamed chat completion that ends normally with text. */
    public static WireExpectation textAnswer() {
        return (request, response) -> {
            JsonNode choice = chatCompletion(response).path("choices").path(0);
            assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
            assertThat(choice.path("message").path("content").asString()).isNotBlank();
        };
    }

    /** A chat completion calling one of the tools the request offered, with arguments that parse as JSON. */
    public static WireExpectation toolCalls() {
        return (request, response) -> {
            JsonNode choice = chatCompletion(response).path("choices").path(0);
            assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
            Set<String> offered = new HashSet<>();
            request.jsonBody().path("tools").forEach(tool -> offered.add(tool.path("function").path("name").asString()));
            JsonNode calls = choice.path("message").path("tool_calls");
            assertThat(calls.isArray() && !calls.isEmpty()).as("tool_calls in %s", choice).isTrue();
            for (JsonNode call : calls) {
                assertThat(call.path("id").asString()).isNotBlank();
                assertThat(call.path("type").asString()).isEqualTo("function");
                assertThat(call.path("function").path("name").asString()).isIn(offered);
                assertThat(Json.parse(call.path("function").path("arguments").asString()).isObject()).isTrue();
            }
        };
    }

    /** Content that parses as a JSON object holding every property the request's json_schema requires. */
    public static WireExpectation jsonSchemaAnswer() {
        return (request, response) -> {
            String content = chatCompletion(response).path("choices").path(0).path("message").path("content")
                    .asString();
            JsonNode answer = Json.parse(content);
            JsonNode required = request.jsonBody().path("response_format").path("json_schema").path("schema")
                    .path("required");
            assertThat(required.isEmpty()).as("the recorded request has a schema with required properties").isFalse();
            required.forEach(name -> assertThat(answer.has(name.asString())).as("%s in %s", name, content).isTrue());
        };
    }

    /**
     * A complete event stream: every event {@code data: <one line>} with the space, no {@code event:}/{@code id:}/
     * {@code retry:} lines, the role first, one finish reason, the usage chunk exactly when asked, {@code [DONE]} last.
     */
    public static WireExpectation eventStream() {
        return (request, response) -> {
            EventStream stream = framedEventStream(response);
            assertThat(stream.payloads()).last().isEqualTo("[DONE]");
            assertThat(response.body()).endsWith("data: [DONE]\n\n");
            List<JsonNode> chunks = stream.chunks();
            assertThat(chunks.get(0).path("choices").path(0).path("delta").path("role").asString())
                    .isEqualTo("assistant");
            String id = chunks.get(0).path("id").asString();
            assertThat(chunks).allSatisfy(chunk -> {
                assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
                assertThat(chunk.path("id").asString()).isEqualTo(id);
                // openai-java rejects a chunk that merely has the key, even with a null value.
                assertThat(chunk.has("error")).as("error key in %s", chunk).isFalse();
            });
            assertThat(chunks).filteredOn(chunk -> chunk.path("choices").path(0).path("finish_reason").isString())
                    .as("chunks with a finish reason").hasSize(1);
            assertUsageOnlyWhenAsked(request, chunks);
        };
    }

    /** A stream that fails after the 200: an error event is the last thing, so that every SDK raises. */
    public static WireExpectation streamEndingInError(String code) {
        return (request, response) -> {
            EventStream stream = framedEventStream(response);
            assertThat(stream.payloads()).as("no [DONE] after a failure").doesNotContain("[DONE]");
            List<JsonNode> chunks = stream.chunks();
            assertThat(chunks.subList(0, chunks.size() - 1)).noneMatch(chunk -> chunk.has("error"));
            assertEnvelope(stream.lastChunk(), "server_error", code);
        };
    }

    /** The embeddings list; base64 vectors when asked (the SDKs' default), which must be little-endian float32. */
    public static WireExpectation embeddings() {
        return (request, response) -> {
            JsonNode body = jsonBody(response, 200);
            assertThat(body.path("object").asString()).isEqualTo("list");
            assertThat(body.path("usage").path("prompt_tokens").isIntegralNumber()).isTrue();
            boolean base64 = "base64".equals(request.jsonBody().path("encoding_format").asString(""));
            JsonNode data = body.path("data");
            assertThat(data.isEmpty()).isFalse();
            for (int i = 0; i < data.size(); i++) {
                JsonNode item = data.path(i);
                assertThat(item.path("object").asString()).isEqualTo("embedding");
                assertThat(item.path("index").asInt()).isEqualTo(i);
                float[] vector = base64 ? decodeFloat32(item.path("embedding")) : floats(item.path("embedding"));
                // The simulator's vectors have unit length: a wrong byte order or width could not keep that.
                assertThat(norm(vector)).isCloseTo(1.0, within(1e-3));
            }
        };
    }

    public static WireExpectation modelList() {
        return (request, response) -> {
            JsonNode body = jsonBody(response, 200);
            assertThat(body.path("object").asString()).isEqualTo("list");
            assertThat(body.path("data").isEmpty()).isFalse();
            body.path("data").forEach(WireExpectations::assertModel);
        };
    }

    /** One model, the one the path names. */
    public static WireExpectation model() {
        return (request, response) -> {
            JsonNode body = jsonBody(response, 200);
            assertModel(body);
            assertThat(body.path("id").asString()).isEqualTo(request.path().substring(request.path().lastIndexOf('/') + 1));
        };
    }

    /** An error answered before any stream byte: JSON, even to a client that accepts only event streams. */
    public static WireExpectation error(int status, String type, String code) {
        return (request, response) -> assertEnvelope(jsonBody(response, status), type, code);
    }

    private static JsonNode chatCompletion(HttpResponse<String> response) {
        JsonNode body = jsonBody(response, 200);
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("id").asString()).isNotBlank();
        assertThat(body.path("created").isIntegralNumber()).isTrue();
        assertThat(body.path("model").asString()).isNotBlank();
        assertThat(body.path("choices").path(0).path("message").path("role").asString()).isEqualTo("assistant");
        assertThat(body.path("usage").path("total_tokens").isIntegralNumber()).isTrue();
        assertThat(body.has("error")).isFalse();
        return body;
    }

    /** Status, the JSON content type (the Node SDK returns a raw string otherwise) and the request id. */
    static JsonNode jsonBody(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("application/json");
        assertRequestId(response);
        return Json.parse(response.body());
    }

    private static EventStream framedEventStream(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s", response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).get().asString().startsWith("text/event-stream");
        assertRequestId(response);
        EventStream stream = EventStream.parse(response.body());
        assertThat(response.body()).endsWith("\n\n");
        assertThat(stream.dataEvents()).isNotEmpty().allSatisfy(event -> {
            assertThat(event).startsWith("data: ");
            assertThat(event).as("one line per event").doesNotContain("\n");
        });
        assertThat(response.body()).doesNotContain("\nevent:", "\nid:", "\nretry:").doesNotStartWith("event:");
        return stream;
    }

    private static void assertUsageOnlyWhenAsked(RecordedCall request, List<JsonNode> chunks) {
        List<JsonNode> withUsage = chunks.stream().filter(chunk -> chunk.path("usage").isObject()).toList();
        if (!request.asksForStreamUsage()) {
            // Naive clients index choices[0]: a chunk without choices must never reach them.
            assertThat(withUsage).isEmpty();
            assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.path("choices").isEmpty()).isFalse());
            return;
        }
        assertThat(withUsage).containsExactly(chunks.get(chunks.size() - 1));
        JsonNode usage = withUsage.get(0);
        assertThat(usage.path("choices").isArray() && usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isPositive();
    }

    static void assertEnvelope(JsonNode body, String type, String code) {
        JsonNode error = body.path("error");
        assertThat(error.path("message").asString()).as("message in %s", body).isNotBlank();
        assertThat(error.path("type").asString()).as("type in %s", body).isEqualTo(type);
        assertThat(error.path("code").asString()).as("code in %s", body).isEqualTo(code);
        assertThat(error.has("param")).as("param (null or a string) in %s", body).isTrue();
    }

    private static void assertModel(JsonNode model) {
        assertThat(model.path("id").asString()).isNotBlank();
        assertThat(model.path("object").asString()).isEqualTo("model");
        assertThat(model.path("created").isIntegralNumber()).isTrue();
        assertThat(model.path("owned_by").asString()).isNotBlank();
    }

    static void assertRequestId(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("x-request-id")).get().asString().isNotBlank();
    }

    /** The Node SDK returns an empty array when it asked for base64 and got floats. */
    private static float[] decodeFloat32(JsonNode base64) {
        assertThat(base64.isString()).as("a base64 string as asked, not %s", base64.getNodeType()).isTrue();
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64.asString()))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.remaining() % Float.BYTES).isZero();
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(vector);
        return vector;
    }

    private static float[] floats(JsonNode array) {
        assertThat(array.isArray()).as("a float array, not %s", array.getNodeType()).isTrue();
        float[] vector = new float[array.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = array.path(i).floatValue();
        }
        return vector;
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return Math.sqrt(sum);
    }
}
