package io.qwengateway.conformance.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class RecordedCallTest {

    private static final RecordedCall CONTINUATION = new RecordedCall("POST", "/v1/responses", Map.of(),
            "{\"model\":\"m\",\"previous_response_id\":\"resp_recorded\",\"input\":[]}");

    @Test
    void aContinuationIsPointedAtTheReplaysResponseAndStaysOtherwiseByteForByte() {
        RecordedCall replayed = CONTINUATION.continuing("resp_replayed");

        assertThat(replayed.body()).isEqualTo("{\"model\":\"m\",\"previous_response_id\":\"resp_replayed\",\"input\":[]}");
        assertThat(replayed.headers()).isEqualTo(CONTINUATION.headers());
    }

    @Test
    void aRequestThatContinuesNothingOrHasNothingToContinueIsUnchanged() {
        RecordedCall fresh = new RecordedCall("POST", "/v1/responses", Map.of(), "{\"model\":\"m\",\"input\":\"hi\"}");

        assertThat(fresh.continuing("resp_replayed")).isEqualTo(fresh);
        assertThat(CONTINUATION.continuing(null)).isEqualTo(CONTINUATION);
    }
}
