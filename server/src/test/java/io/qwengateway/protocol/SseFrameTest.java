package io.qwengateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SseFrameTest {

    private static String wire(SseFrame frame) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frame.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textAndBytesFramesAreWrittenAsTheirText() {
        assertThat(wire(SseFrame.data("{\"a\":\"é\"}"))).isEqualTo("data: {\"a\":\"é\"}\n\n");
        assertThat(wire(SseFrame.named("error", "{}"))).isEqualTo("event: error\ndata: {}\n\n");
        assertThat(wire(SseFrame.data("[DONE]".getBytes(StandardCharsets.UTF_8)))).isEqualTo("data: [DONE]\n\n");
        assertThat(wire(SseFrame.named("error", "{}"))).isEqualTo(SseFrame.named("error", "{}").toText());
    }

    @Test
    void aLeftOutPartIsNeitherWrittenNorInTheText() {
        byte[] chunk = "{\"id\":\"x\",\"usage\":null,\"text\":\"中\"}".getBytes(StandardCharsets.UTF_8);
        String usage = ",\"usage\":null";
        int from = new String(chunk, StandardCharsets.UTF_8).indexOf(usage);

        SseFrame frame = SseFrame.data(chunk, from, from + usage.length());

        assertThat(frame.data()).isEqualTo("{\"id\":\"x\",\"text\":\"中\"}");
        assertThat(wire(frame)).isEqualTo("data: {\"id\":\"x\",\"text\":\"中\"}\n\n").isEqualTo(frame.toText());
        assertThat(frame).isEqualTo(SseFrame.data("{\"id\":\"x\",\"text\":\"中\"}"));
        assertThat(SseFrame.data(chunk, 0, 0).data()).as("nothing left out")
                .isEqualTo(new String(chunk, StandardCharsets.UTF_8));
        assertThat(wire(SseFrame.data(chunk, 0, chunk.length))).isEqualTo("data: \n\n");
        assertThatThrownBy(() -> SseFrame.data(chunk, 5, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> SseFrame.data(chunk, 0, chunk.length + 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
