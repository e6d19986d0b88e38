package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.protocol.SseFrame;
import io.qwengateway.protocol.chat.ChatStreamTranslator;
import io.qwengateway.upstream.UpstreamErrorClassifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fast path must give the client the bytes the tree path gives: every stream here goes through both (the same
 * chat translator, once offered raw chunks and once not) and the frames are compared byte for byte.
 */
class ChunkScanTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final StreamingProperties PROPERTIES = new StreamingProperties(Duration.ofSeconds(15), Duration.ZERO,
            Duration.ZERO, true, 4, false);

    private static final String PLAIN = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1733000000,"
            + "\"model\":\"qwen3-coder-plus\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},"
            + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

    @Test
    void aQwenChunkWithNothingToRepairIsScannedForTheFastPath() {
        ChunkScan scan = ChunkScan.of(bytes(PLAIN.formatted("Hello")));

        assertThat(scan).isNotNull();
        assertThat(scan.choices()).isEqualTo(1);
        assertThat(scan.index(0)).isZero();
        assertThat(scan.hasContent(0)).isTrue();
        assertThat(scan.hasReasoning(0)).isFalse();
        assertThat(scan.chunk().hasUsage()).isTrue();
        assertThat(scan.content(0, JSON)).isEqualTo("Hello");
        assertThat(scan.reasoning(0, JSON)).isNull();
        assertThat(scan.hasFinishReason(0)).isFalse();
    }

    @Test
    void theTextsAndTheFinishReasonAreReadFromTheBytesWithTheirEscapes() {
        ChunkScan scan = ChunkScan.of(bytes("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\",\"reasoning_content\":"
                + "\"a\\\"b\\\\c\\nd\\u0001 中 😀\"},\"finish_reason\":\"stop\"},{\"index\":1,\"delta\":{\"content\":\"é\"}}]}"));

        assertThat(scan).isNotNull();
        assertThat(scan.hasContent(0)).as("an empty text is no text").isFalse();
        assertThat(scan.content(0, JSON)).isNull();
        assertThat(scan.reasoning(0, JSON)).isEqualTo("a\"b\\c\nd\u0001 中 😀");
        assertThat(scan.finishReason(0, JSON)).isEqualTo("stop");
        assertThat(scan.content(1, JSON)).isEqualTo("é");
        assertThat(scan.hasFinishReason(1)).isFalse();
        assertThat(scan.reasoning(0, JSON)).as("read once, then kept").isSameAs(scan.reasoning(0, JSON));
    }

    @Test
    void aStreamsFirstTextsAndItsFinishGoOnAsBytesWhenNoRepairChangesThem() {
        RawCounting client = new RawCounting(new ChatStreamTranslator(JSON, false, false));
        StreamTranslator translator = translator(client);
        for (String chunk : List.of(role(), PLAIN.formatted("Hello"), PLAIN.formatted(" world"), finish())) {
            translator.translate(SseEvent.ofBytes(null, bytes(chunk), List.of()));
        }
        assertThat(client.raw).isEqualTo(4);
        assertThat(client.trees).isZero();
        assertThat(wire(translator.endOfUpstream())).as("the finish reason was seen").isEqualTo("data: [DONE]\n\n");

        RawCounting cumulative = new RawCounting(new ChatStreamTranslator(JSON, false, false));
        StreamTranslator repaired = translator(cumulative);
        for (String chunk : List.of(PLAIN.formatted("Hello"), PLAIN.formatted("Hello world"), finish())) {
            repaired.translate(SseEvent.ofBytes(null, bytes(chunk), List.of()));
        }
        assertThat(cumulative.trees).as("the delta the repair shortens").isEqualTo(1);
        assertThat(cumulative.raw).isEqualTo(2);
    }

    @Test
    void whatTheTreeWouldWriteDifferentlyOrARepairMustSeeTakesTheTreePath() {
        List<String> treeOnly = List.of(
                "{\"id\": \"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}", // a space
                "{\"id\":\"a\\/b\",\"choices\":[{\"index\":0,\"delta\":{}}]}", // an escape Jackson does not write
                "{\"id\":\"\\u00e9\",\"choices\":[{\"index\":0,\"delta\":{}}]}",
                "{\"id\":\"\\u001f\",\"choices\":[{\"index\":0,\"delta\":{}}]}", // lower-case hex
                "{\"id\":\"\\u000A\",\"choices\":[{\"index\":0,\"delta\":{}}]}", // written \n by Jackson
                "{\"id\":1.0,\"choices\":[{\"index\":0,\"delta\":{}}]}",
                "{\"id\":-0,\"choices\":[{\"index\":0,\"delta\":{}}]}",
                "{\"id\":01,\"choices\":[{\"index\":0,\"delta\":{}}]}",
                "{\"id\":1,\"id\":2,\"choices\":[{\"index\":0,\"delta\":{}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"content\":\"b\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{}}]} ",
                "{\"choices\":[{\"index\":0,\"delta\":{}}]}{}",
                "{\"choices\":[]}",
                "{\"choices\":[],\"usage\":{\"total_tokens\":3}}",
                "{\"choices\":[{\"index\":0,\"delta\":{}}],\"usage\":{\"total_tokens\":3}}",
                "{\"choices\":[{\"index\":0,\"delta\":{}}],\"error\":null}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":1}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":null}}]}",
                "{\"choices\":[{\"index\":-1,\"delta\":{}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{}}]");
        for (String chunk : treeOnly) {
            assertThat(ChunkScan.of(bytes(chunk))).as(chunk).isNull();
        }
        assertThat(ChunkScan.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'})).isNull();
        assertThat(ChunkScan.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"',
                '}'})).as("an encoded surrogate").isNull();
    }

    @Test
    void typicalStreamsGiveTheSameBytesOnBothPaths() {
        List<List<String>> streams = List.of(
                List.of(role(), PLAIN.formatted("Hello"), PLAIN.formatted(" world"), PLAIN.formatted("!"), finish()),
                // cumulative deltas: the repair rewrites them, so they must never pass as they came
                List.of(PLAIN.formatted("Hello"), PLAIN.formatted("Hello world"), PLAIN.formatted("Hello world!")),
                List.of(PLAIN.formatted("Hi"), PLAIN.formatted("Hi"), PLAIN.formatted("Hi there")),
                List.of(PLAIN.formatted("Hello"), PLAIN.formatted("Hello world"), PLAIN.formatted("Hello world!"),
                        PLAIN.formatted("other"), PLAIN.formatted("Hello world!"), finish()),
                // tool calls: the finish reason the upstream gives after them is repaired
                List.of(role(), "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                        + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                        + "\"finish_reason\":null}]}", finish()),
                List.of(PLAIN.formatted("Hi"), "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"boom\"},"
                        + "\"finish_reason\":\"error_finish\"}]}"),
                List.of("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}},{\"index\":0,\"delta\":"
                        + "{\"content\":\"Hello there\"}}]}", PLAIN.formatted("Hello there!")),
                List.of(PLAIN.formatted("中文 é 😀 \\\"quoted\\\" \\\\ \\n\\t\\u001F"), PLAIN.formatted("more"),
                        PLAIN.formatted("\u2028 and \u007f")),
                List.of("{\"usage\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],\"id\":\"x\"}",
                        "{\"usage\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}",
                        "{\"choices\":[{\"delta\":{\"content\":\"c\"}}]}"),
                List.of("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"think\"}},"
                        + "{\"index\":1,\"delta\":{\"content\":\"one\"}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"more\"}},"
                                + "{\"index\":1,\"delta\":{\"content\":\"two\"}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"yet\"}},"
                                + "{\"index\":1,\"delta\":{\"content\":\"three\"}}]}"));
        for (List<String> stream : streams) {
            assertSameOnBothPaths(stream.stream().map(ChunkScanTest::bytes).toList());
        }
    }

    @Test
    void randomChunksGiveTheSameBytesOnBothPaths() {
        Random random = new Random(12);
        int scanned = 0;
        for (int stream = 0; stream < 400; stream++) {
            List<byte[]> chunks = new ArrayList<>();
            int length = 1 + random.nextInt(6);
            for (int i = 0; i < length; i++) {
                byte[] chunk = bytes(randomChunk(random));
                chunks.add(chunk);
                scanned += ChunkScan.of(chunk) != null ? 1 : 0;
            }
            assertSameOnBothPaths(chunks);
        }
        assertThat(scanned).as("chunks the fast path could take").isGreaterThan(200);
    }

    private static void assertSameOnBothPaths(List<byte[]> chunks) {
        for (boolean wantsUsage : new boolean[] {false, true}) {
            StreamTranslator fast = translator(new ChatStreamTranslator(JSON, wantsUsage, false));
            StreamTranslator tree = translator(new TreeOnly(new ChatStreamTranslator(JSON, wantsUsage, false)));
            for (byte[] chunk : chunks) {
                SseEvent event = SseEvent.ofBytes(null, chunk, List.of());
                assertThat(wire(fast.translate(event))).as(new String(chunk, StandardCharsets.UTF_8))
                        .isEqualTo(wire(tree.translate(event)));
                assertThat(fast.ended()).isEqualTo(tree.ended());
            }
            assertThat(wire(fast.endOfUpstream())).isEqualTo(wire(tree.endOfUpstream()));
        }
    }

    private static StreamTranslator translator(ClientStreamTranslator client) {
        return new StreamTranslator(JSON, new UpstreamErrorClassifier(JSON), PROPERTIES, client);
    }

    private static String wire(List<SseFrame> frames) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        frames.forEach(frame -> frame.writeTo(out));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String role() {
        return "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
                + "\"finish_reason\":null}],\"usage\":null}";
    }

    private static String finish() {
        return "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}";
    }

    /** A chunk of random fields, sometimes written the way Jackson writes, sometimes not. */
    private static String randomChunk(Random random) {
        StringBuilder json = new StringBuilder("{");
        List<String> members = new ArrayList<>();
        members.add("\"id\":" + randomString(random));
        int choices = random.nextInt(4) == 0 ? 2 : 1;
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < choices; i++) {
            list.append(i > 0 ? "," : "").append("{\"index\":").append(random.nextInt(5) == 0 ? 1 - i : i)
                    .append(",\"delta\":{");
            List<String> delta = new ArrayList<>();
            if (random.nextBoolean()) {
                delta.add("\"content\":" + randomString(random));
            }
            if (random.nextInt(4) == 0) {
                delta.add("\"reasoning_content\":" + randomString(random));
            }
            if (random.nextInt(10) == 0) {
                delta.add("\"role\":\"assistant\"");
            }
            list.append(String.join(",", delta)).append("}");
            if (random.nextBoolean()) {
                list.append(",\"finish_reason\":").append(random.nextInt(6) == 0
                        ? List.of("\"stop\"", "\"length\"", "\"error_finish\"", "\"st\\u0001p\"").get(random.nextInt(4))
                        : "null");
            }
            list.append("}");
        }
        members.add("\"choices\":" + list.append("]"));
        switch (random.nextInt(4)) {
            case 0 -> members.add(random.nextInt(members.size() + 1), "\"usage\":null");
            case 1 -> members.add("\"created\":" + randomNumber(random));
            case 2 -> members.add("\"extra\":" + randomValue(random, 0));
            default -> {
            }
        }
        if (random.nextInt(20) == 0) {
            members.add("\"error\":null");
        }
        json.append(String.join(random.nextInt(15) == 0 ? ", " : ",", members)).append("}");
        return json.toString();
    }

    private static String randomValue(Random random, int depth) {
        return switch (depth > 2 ? random.nextInt(3) : random.nextInt(6)) {
            case 0 -> randomString(random);
            case 1 -> randomNumber(random);
            case 2 -> List.of("true", "false", "null").get(random.nextInt(3));
            case 3 -> "[" + randomValue(random, depth + 1) + "," + randomValue(random, depth + 1) + "]";
            case 4 -> "{\"a\":" + randomValue(random, depth + 1) + ",\"" + (random.nextInt(6) == 0 ? "a" : "b") + "\":"
                    + randomValue(random, depth + 1) + "}";
            default -> "{}";
        };
    }

    private static String randomNumber(Random random) {
        return List.of("0", "7", "-12", "1733000000", "123456789012345678901234567890", "1.5", "1e3", "-0", "2.50")
                .get(random.nextInt(9));
    }

    private static final String[] PIECES = {"a", "Hello", " ", "中", "é", "😀", "\\\"", "\\\\", "\\n", "\\t", "\\r",
        "\\b", "\\f", "\\u0001", "\\u001F", "\\u001f", "\\/", "/", "\\u00e9", "\\u0041", "\u2028", "\u007f",
        "\\ud83d\\ude00"};

    private static String randomString(Random random) {
        StringBuilder text = new StringBuilder("\"");
        int pieces = random.nextInt(5);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(random.nextInt(3) == 0 ? PIECES.length : 8)]);
        }
        return text.append('"').toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The chat translator, counting the chunks it was given as bytes and as trees. */
    private static final class RawCounting extends TreeOnly {

        int raw;
        int trees;

        RawCounting(ClientStreamTranslator delegate) {
            super(delegate);
        }

        @Override
        public List<SseFrame> chunk(ObjectNode chunk) {
            trees++;
            return super.chunk(chunk);
        }

        @Override
        public boolean takesRawChunks() {
            return true;
        }

        @Override
        public List<SseFrame> rawChunk(io.qwengateway.protocol.RawChunk chunk) {
            raw++;
            return delegate.rawChunk(chunk);
        }
    }

    /** The chat translator without the fast path: what the gateway did before it. */
    private static class TreeOnly implements ClientStreamTranslator {

        final ClientStreamTranslator delegate;

        TreeOnly(ClientStreamTranslator delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<SseFrame> chunk(ObjectNode chunk) {
            return delegate.chunk(chunk);
        }

        @Override
        public List<SseFrame> opaque(String data) {
            return delegate.opaque(data);
        }

        @Override
        public List<SseFrame> complete() {
            return delegate.complete();
        }

        @Override
        public List<SseFrame> fail(ApiException error) {
            return delegate.fail(error);
        }
    }
}
