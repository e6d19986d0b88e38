package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.http.MockHttpOutputMessage;

class PreFramedEventsConverterTest {

    private final PreFramedEventsConverter converter = new PreFramedEventsConverter();

    @Test
    void writesTheFramesAsTheyAreAndSetsNoHeader() throws Exception {
        MockHttpOutputMessage out = new MockHttpOutputMessage();
        byte[] frames = "data: {\"a\":1}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

        converter.write(new PreFramedEvents(frames), MediaType.TEXT_PLAIN, out);

        assertThat(out.getBodyAsBytes()).isEqualTo(frames);
        assertThat(out.getHeaders().isEmpty()).isTrue();
    }

    @Test
    void claimsOnlyPreFramedEventsAndReadsNothing() {
        assertThat(converter.canWrite(PreFramedEvents.class, MediaType.TEXT_PLAIN)).isTrue();
        assertThat(converter.canWrite(byte[].class, MediaType.TEXT_PLAIN)).isFalse();
        assertThat(converter.canWrite(String.class, null)).isFalse();
        assertThat(converter.canRead(PreFramedEvents.class, null)).isFalse();
    }
}
