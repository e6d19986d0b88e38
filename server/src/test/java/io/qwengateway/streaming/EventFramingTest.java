package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventFramingTest {

    private static final String CHUNK = "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"error\"}}]}";
    private static final String ERROR = "{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

    @Test
    void everyPayloadIsADataEventWithASpaceAfterTheColonByDefault() {
        EventFraming framing = new EventFraming(false);

        assertThat(framing.frame(CHUNK)).isEqualTo("data: " + CHUNK + "\n\n");
        assertThat(framing.frame(ERROR)).isEqualTo("data: " + ERROR + "\n\n");
        assertThat(framing.frame("[DONE]")).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void namedErrorEventsMarkOnlyTheErrorPayload() {
        EventFraming framing = new EventFraming(true);

        assertThat(framing.frame(ERROR)).isEqualTo("event: error\ndata: " + ERROR + "\n\n");
        assertThat(framing.frame(CHUNK)).isEqualTo("data: " + CHUNK + "\n\n");
        assertThat(framing.frame("[DONE]")).isEqualTo("data: [DONE]\n\n");
    }
}
