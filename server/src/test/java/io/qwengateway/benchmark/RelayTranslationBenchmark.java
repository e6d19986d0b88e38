package io.qwengateway.benchmark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.qwengateway.protocol.SseFrame;
import io.qwengateway.protocol.chat.ChatStreamTranslator;
import io.qwengateway.streaming.SseEvent;
import io.qwengateway.streaming.SseEventReader;
import io.qwengateway.streaming.StreamTranslator;
import io.qwengateway.streaming.StreamingProperties;
import io.qwengateway.upstream.UpstreamErrorClassifier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay thread's own work on one chat stream, without the network: reading a Qwen stream's bytes
 * ({@link SseEventReader}), the repairs and the chat translation ({@link StreamTranslator}, the fast path as configured
 * by default) and framing what the client gets, for a stream shaped as DashScope sends it when the gateway asked for
 * usage (a role chunk, 48 text chunks, the finish chunk, the usage chunk, {@code [DONE]}; every chunk with
 * {@code "usage":null}). Prints CPU time and bytes allocated per stream, for a client that asked for usage and one
 * that did not, in rounds after a warm-up. The writes to the client are what the 256-stream phase of
 * {@link ProcessBenchmark} adds to this.
 *
 * <p>Run: {@code java -cp <test classpath> io.qwengateway.benchmark.RelayTranslationBenchmark [streams per round]}
 * (docs/performance.md, "The relay's scan").
 */
public final class RelayTranslationBenchmark {

    private static final JsonMapper JSON = new JsonMapper();
    private static final int ROUNDS = 5;
    private static final String[] WORDS = {"Sure", ",", " here", " is", " a", " small", " function", " that",
        " reverses", " a", " string", ":\n\n", "```", "python", "\n", "def", " reverse", "(s", "):", "\n   ",
        " return", " s", "[::", "-1", "]\n", "```", "\n\n", "It", " uses", " Python", "'s", " slice", " syntax",
        " with", " a", " step", " of", " -", "1", ",", " which", " walks", " the", " string", " backwards", ".",
        " \"quoted\"", " 😀"};

    private RelayTranslationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        byte[] body = qwenStream();
        StreamingProperties properties = new StreamingProperties(Duration.ofSeconds(15), Duration.ofMinutes(5),
                Duration.ZERO, true, 4, false);
        UpstreamErrorClassifier classifier = new UpstreamErrorClassifier(JSON);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.printf("One Qwen stream: %d bytes, %d events; %d streams per round, %s%n", body.length,
                WORDS.length + 4, streams, Runtime.version());
        for (boolean wantsUsage : new boolean[] {true, false}) {
            Counting sink = new Counting();
            for (int i = 0; i < streams; i++) { // warm-up
                relay(body, properties, classifier, wantsUsage, sink);
            }
            double[] micros = new double[ROUNDS];
            double[] allocated = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long bytes = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < streams; i++) {
                    relay(body, properties, classifier, wantsUsage, sink);
                }
                micros[round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / streams;
                allocated[round] = (threads.getCurrentThreadAllocatedBytes() - bytes) / (double) streams;
            }
            Arrays.sort(micros);
            Arrays.sort(allocated);
            System.out.printf("client %s usage: CPU per stream %.1f µs (rounds %.1f-%.1f), allocated %.0f bytes;"
                    + " %d bytes to the client per stream%n", wantsUsage ? "asking for" : "not asking for",
                    micros[ROUNDS / 2], micros[0], micros[ROUNDS - 1], allocated[ROUNDS / 2],
                    sink.bytes / ((long) streams * (ROUNDS + 1)));
        }
    }

    private static void relay(byte[] body, StreamingProperties properties, UpstreamErrorClassifier classifier,
            boolean wantsUsage, Counting sink) throws IOException {
        StreamTranslator translator = new StreamTranslator(JSON, classifier, properties,
                new ChatStreamTranslator(JSON, wantsUsage, false));
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(body));
        write(translator.start(), sink);
        for (SseEvent event = reader.next(); event != null && !translator.ended(); event = reader.next()) {
            write(translator.translate(event), sink);
        }
        write(translator.endOfUpstream(), sink);
    }

    private static void write(List<SseFrame> frames, ByteArrayOutputStream sink) {
        for (SseFrame frame : frames) {
            frame.writeTo(sink);
        }
    }

    /** The upstream's body, as the simulator's {@code ChunkFactory} writes a stream with usage. */
    private static byte[] qwenStream() {
        String envelope = "{\"id\":\"chatcmpl-5f0c1c2e\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,"
                + "\"model\":\"qwen3-coder-plus\",\"system_fingerprint\":null,\"choices\":[{\"index\":0,\"delta\":%s,"
                + "\"logprobs\":null,\"finish_reason\":%s}],\"usage\":null}";
        StringBuilder body = new StringBuilder();
        body.append("data: ").append(envelope.formatted("{\"role\":\"assistant\",\"content\":\"\"}", "null"))
                .append("\n\n");
        for (String word : WORDS) {
            body.append("data: ").append(envelope.formatted("{\"content\":" + JSON.writeValueAsString(word) + "}",
                    "null")).append("\n\n");
        }
        body.append("data: ").append(envelope.formatted("{}", "\"stop\"")).append("\n\n");
        body.append("data: {\"id\":\"chatcmpl-5f0c1c2e\",\"object\":\"chat.completion.chunk\",\"created\":1764547200,"
                + "\"model\":\"qwen3-coder-plus\",\"system_fingerprint\":null,\"choices\":[],\"usage\":"
                + "{\"prompt_tokens\":1200,\"completion_tokens\":48,\"total_tokens\":1248,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1024}}}\n\n");
        body.append("data: [DONE]\n\n");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Where the client's frames go: counted, so that the work is not optimised away. */
    private static final class Counting extends ByteArrayOutputStream {
        long bytes;

        @Override
        public synchronized void write(int b) {
            bytes++;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
