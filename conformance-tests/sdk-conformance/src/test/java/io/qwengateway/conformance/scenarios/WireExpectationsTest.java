package io.qwengateway.conformance.scenarios;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qwengateway.conformance.recording.RecordedCall;

/**
 * The replay checks themselves: each accepts a well-formed answer and rejects the one defect it exists for, so that a
 * green replay means the gateway has the property, not that the check is lax.
 */
class WireExpectationsTest {

    private static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";
    private static final RecordedCall STREAM = post("{\"model\":\"m\",\"stream\":true,\"messages\":[]}");
    private static final RecordedCall STREAM_WITH_USAGE = post(
            "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}");
    private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null");
    private static final String TEXT = chunk("{\"content\":\"Hi\"}", "null");
    private static final String FINISH = chunk("{}", "\"stop\"");
    private static final String USAGE = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
    private static final String ERROR = "{\"error\":{\"message\":\"stream timeout\",\"type\":\"server_error\","
            + "\"param\":null,\"code\":\"upstream_stream_error\"}}";

    @Test
    void eventStreamAcceptsOpenAisFraming() {
        assertThatCode(() -> WireExpectations.eventStream().check(STREAM, stream(ROLE, TEXT, FINISH, "[DONE]")))
                .doesNotThrowAnyException();
        assertThatCode(() -> WireExpectations.eventStream().check(STREAM_WITH_USAGE,
                stream(ROLE, TEXT, FINISH, USAGE, "[DONE]"))).doesNotThrowAnyException();
    }

    @Test
    void eventStreamRejectsDataWithoutTheSpace() {
        String body = "data: " + ROLE + "\n\ndata:" + TEXT + "\n\ndata: " + FINISH + "\n\ndata: [DONE]\n\n";

        assertRejected(WireExpectations.eventStream(), STREAM, CannedResponse.of(200, EVENT_STREAM, body));
    }

    @Test
    void eventStreamRejectsNamedEvents() {
        String body = "event: message\ndata: " + ROLE + "\n\ndata: " + FINISH + "\n\ndata: [DONE]\n\n";

        assertRejected(WireExpectations.eventStream(), STREAM, CannedResponse.of(200, EVENT_STREAM, body));
    }

    @Test
    void eventStreamRejectsAnErrorKeyEvenWhenNull() {
        String withNullError = TEXT.replace("\"choices\"", "\"error\":null,\"choices\"");

        assertRejected(WireExpectations.eventStream(), STREAM, stream(ROLE, withNullError, FINISH, "[DONE]"));
    }

    @Test
    void eventStreamRejectsAStreamWithoutDone() {
        assertRejected(WireExpectations.eventStream(), STREAM, stream(ROLE, TEXT, FINISH));
    }

    @Test
    void eventStreamRejectsAUsageChunkNobodyAskedFor() {
        assertRejected(WireExpectations.eventStream(), STREAM, stream(ROLE, TEXT, FINISH, USAGE, "[DONE]"));
    }

    @Test
    void eventStreamRequiresTheUsageChunkWhenAsked() {
        assertRejected(WireExpectations.eventStream(), STREAM_WITH_USAGE, stream(ROLE, TEXT, FINISH, "[DONE]"));
    }

    @Test
    void eventStreamRequiresTheEventStreamContentTypeAndARequestId() {
        String body = stream(ROLE, TEXT, FINISH, "[DONE]").body();

        assertRejected(WireExpectations.eventStream(), STREAM, CannedResponse.of(200, "application/json", body));
        assertRejected(WireExpectations.eventStream(), STREAM,
                CannedResponse.of(200, EVENT_STREAM, body).without("x-request-id"));
    }

    @Test
    void streamEndingInErrorRejectsDoneAfterTheError() {
        assertThatCode(() -> WireExpectations.streamEndingInError("upstream_stream_error")
                .check(STREAM, stream(ROLE, TEXT, ERROR))).doesNotThrowAnyException();
        assertRejected(WireExpectations.streamEndingInError("upstream_stream_error"), STREAM,
                stream(ROLE, TEXT, ERROR, "[DONE]"));
    }

    @Test
    void errorRequiresTheWholeEnvelopeAsJson() {
        String envelope = "{\"error\":{\"message\":\"No\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"model_not_found\"}}";
        WireExpectation notFound = WireExpectations.error(404, "invalid_request_error", "model_not_found");

        assertThatCode(() -> notFound.check(get(), CannedResponse.of(404, "application/json", envelope)))
                .doesNotThrowAnyException();
        assertRejected(notFound, get(), CannedResponse.of(404, "text/plain", envelope));
        assertRejected(notFound, get(), CannedResponse.of(404, "application/json",
                envelope.replace("\"param\":null,", "")));
    }

    @Test
    void embeddingsAskedInBase64MustBeLittleEndianFloat32() {
        RecordedCall base64 = post("{\"model\":\"e\",\"input\":\"a\",\"encoding_format\":\"base64\"}");
        float[] unit = {0.6f, -0.8f};

        assertThatCode(() -> WireExpectations.embeddings().check(base64, embedding("\"" + encode(unit,
                ByteOrder.LITTLE_ENDIAN) + "\""))).doesNotThrowAnyException();
        assertRejected(WireExpectations.embeddings(), base64,
                embedding("\"" + encode(unit, ByteOrder.BIG_ENDIAN) + "\""));
        assertRejected(WireExpectations.embeddings(), base64, embedding("[0.6,-0.8]"));
    }

    private static void assertRejected(WireExpectation expectation, RecordedCall request, CannedResponse response) {
        assertThatThrownBy(() -> expectation.check(request, response)).isInstanceOf(AssertionError.class);
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"finish_reason\":" + finishReason + "}]}";
    }

    private static CannedResponse stream(String... payloads) {
        StringBuilder body = new StringBuilder();
        for (String payload : payloads) {
            body.append("data: ").append(payload).append("\n\n");
        }
        return CannedResponse.of(200, EVENT_STREAM, body.toString());
    }

    private static CannedResponse embedding(String vector) {
        return CannedResponse.of(200, "application/json", "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\","
                + "\"index\":0,\"embedding\":" + vector + "}],\"model\":\"e\",\"usage\":{\"prompt_tokens\":1,"
                + "\"total_tokens\":1}}");
    }

    private static String encode(float[] vector, ByteOrder order) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(order);
        for (float value : vector) {
            bytes.putFloat(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static RecordedCall post(String body) {
        return new RecordedCall("POST", "/v1/chat/completions", Map.of("content-type", "application/json"), body);
    }

    private static RecordedCall get() {
        return new RecordedCall("GET", "/v1/models/x", Map.of(), null);
    }
}
