package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    private static List<SseEvent> readAll(String body) throws IOException {
        return readAll(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<SseEvent> readAll(InputStream body) throws IOException {
        SseEventReader reader = new SseEventReader(body);
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent event = reader.next(); event != null; event = reader.next()) {
            events.add(event);
        }
        return events;
    }

    private static SseEvent data(String data) {
        return new SseEvent(null, data, List.of());
    }

    @Test
    void dataIsReadWithOrWithoutTheSpaceAfterTheColon() throws IOException {
        assertThat(readAll("data: {\"a\":1}\n\ndata:{\"b\":2}\n\ndata:  two spaces\n\n"))
                .containsExactly(data("{\"a\":1}"), data("{\"b\":2}"), data(" two spaces"));
    }

    @Test
    void severalDataLinesAreJoinedByNewlines() throws IOException {
        assertThat(readAll("data: first\ndata:second\ndata\n\n")).containsExactly(data("first\nsecond\n"));
    }

    @Test
    void commentsAreKeptAndAnErrorEventAnnouncesItsStatus() throws IOException {
        List<SseEvent> events = readAll("""
                : keep-alive

                id:1
                event:error
                :HTTP_STATUS/429
                data:{"code":"Throttling","message":"Requests rate limit exceeded"}

                """);

        assertThat(events).containsExactly(new SseEvent(null, null, List.of(" keep-alive")),
                new SseEvent("error", "{\"code\":\"Throttling\",\"message\":\"Requests rate limit exceeded\"}",
                        List.of("HTTP_STATUS/429")));
        assertThat(events.get(1).announcedStatus()).isEqualTo(429);
        assertThat(events.get(0).announcedStatus()).isNull();
    }

    @Test
    void theLastEventCountsEvenWithoutATrailingBlankLine() throws IOException {
        assertThat(readAll("data: one\n\n\n\ndata: [DONE]")).containsExactly(data("one"), data("[DONE]"));
    }

    @Test
    void crlfAndLoneCrLineEndingsAreLineEndingsToo() throws IOException {
        assertThat(readAll("data: one\r\n\r\nevent: error\r:HTTP_STATUS/503\rdata: two\r\r"))
                .containsExactly(data("one"), new SseEvent("error", "two", List.of("HTTP_STATUS/503")));
    }

    @Test
    void anEmptyBodyHasNoEvents() throws IOException {
        assertThat(readAll("\n\n")).isEmpty();
    }

    @Test
    void multiByteCharactersSplitAcrossReadsAreDecoded() throws IOException {
        InputStream oneByteAtATime = new FilterInputStream(
                new ByteArrayInputStream("data: 你好 – ok\n\n".getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(1, length));
            }
        };

        assertThat(readAll(oneByteAtATime)).containsExactly(data("你好 – ok"));
    }

    @Test
    void anEventIsReturnedAsSoonAsItsBlankLineArrivesBeforeTheBodyEnds() throws IOException {
        PipedOutputStream upstream = new PipedOutputStream();
        SseEventReader reader = new SseEventReader(new PipedInputStream(upstream));
        upstream.write("data: early\n\n".getBytes(StandardCharsets.UTF_8));
        upstream.flush();

        SseEvent first = assertTimeoutPreemptively(Duration.ofSeconds(5), reader::next);

        assertThat(first).isEqualTo(data("early"));
        upstream.close();
    }

    @Test
    void linesLongerThanTheBufferAreReadWhole() throws IOException {
        String longLine = "x".repeat(40_000);

        assertThat(readAll("data: " + longLine + "\r\n\r\ndata: next\n\n")).containsExactly(data(longLine), data("next"));
    }

    @Test
    void theDataKeepsTheUpstreamsBytes() throws IOException {
        byte[] body = "data: {\"a\":\"中\"}\n\n".getBytes(StandardCharsets.UTF_8);

        SseEvent event = new SseEventReader(new ByteArrayInputStream(body)).next();

        assertThat(event.dataBytes()).isEqualTo("{\"a\":\"中\"}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWholeFurtherEventIsKnownToBeBufferedWithoutWaitingForTheUpstream() throws IOException {
        PipedOutputStream upstream = new PipedOutputStream();
        SseEventReader reader = new SseEventReader(new PipedInputStream(upstream, 1 << 16));
        upstream.write("data: one\n\ndata: two\n\ndata: thr".getBytes(StandardCharsets.UTF_8));
        upstream.flush();

        // Read on this thread (a pipe fails once its reading thread is gone); all of it is written already.
        assertThat(reader.next()).isEqualTo(data("one"));
        assertThat(reader.eventBuffered()).as("the second event is here").isTrue();
        assertThat(reader.next()).isEqualTo(data("two"));
        assertThat(reader.eventBuffered()).as("the third is only partly here").isFalse();
        upstream.write("ee\r".getBytes(StandardCharsets.UTF_8));
        upstream.flush();
        assertThat(reader.eventBuffered()).as("a CR may be followed by a LF").isFalse();
        upstream.write("\n\r\n".getBytes(StandardCharsets.UTF_8));
        upstream.close();
        assertThat(reader.next()).isEqualTo(data("three"));
        assertThat(reader.next()).isNull();
    }

    @Test
    void aMalformedStatusCommentAnnouncesNothing() {
        assertThat(new SseEvent("error", "{}", List.of("HTTP_STATUS/abc")).announcedStatus()).isNull();
        assertThat(new SseEvent("error", "{}", List.of(" HTTP_STATUS/ 504 ")).announcedStatus()).isEqualTo(504);
    }
}
