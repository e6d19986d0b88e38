package io.qwengateway.streaming;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import io.qwengateway.observe.Exchange;
import io.qwengateway.observe.Usage;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.protocol.SseFrame;
import io.qwengateway.upstream.UpstreamErrorClassifier;
import io.qwengateway.upstream.UpstreamTimeouts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upstream half of one stream, below every client protocol: reads Qwen's chat events, repairs them (tool-call ids
 * and indexes, cumulative deltas, the finish reason tool calls imply), and turns every way Qwen reports a failure
 * inside a 200 stream ({@code event:error} frames, {@code error_finish}, an error object, a cut connection, an end
 * without a finish) into one {@link ApiException}. The client's protocol ({@link ClientStreamTranslator}) turns the
 * repaired chunks, the end and the failure into its own events. Not thread-safe: one per stream, used by the relay
 * thread only.
 *
 * <p>A chunk that no repair touches and whose protocol can take it as bytes ({@link ClientStreamTranslator#rawChunk})
 * is never parsed into a tree: {@link ChunkScan} checks it in one pass and it goes on as the upstream's bytes.
 */
public class StreamTranslator {

    private static final byte[] DONE_BYTES = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final ObjectMapper json;
    private final UpstreamErrorClassifier classifier;
    private final StreamingProperties properties;
    private final ClientStreamTranslator client;
    private final Exchange exchange;
    private final Map<Integer, ChoiceRepair> choices = new HashMap<>();
    private boolean finishSeen;
    private boolean ended;
    private boolean cutShort;

    public StreamTranslator(ObjectMapper json, UpstreamErrorClassifier classifier, StreamingProperties properties,
            ClientStreamTranslator client) {
        this(json, classifier, properties, client, Exchange.unobserved());
    }

    /** @param exchange where the stream's usage, first token and failure are recorded for the operator */
    public StreamTranslator(ObjectMapper json, UpstreamErrorClassifier classifier, StreamingProperties properties,
            ClientStreamTranslator client, Exchange exchange) {
        this.json = json;
        this.classifier = classifier;
        this.properties = properties;
        this.client = client;
        this.exchange = exchange;
    }

    /** True once the client stream is complete: its normal end or an error event was produced. */
    public boolean ended() {
        return ended;
    }

    /** The client's stream ended before the upstream's: what is left of the upstream answer is not wanted. */
    public boolean cutShort() {
        return cutShort;
    }

    /** What the relay writes during a silence. */
    public String heartbeat() {
        return client.heartbeat();
    }

    /** What the client gets as soon as the upstream answered, before its first event. */
    public List<SseFrame> start() {
        return client.start();
    }

    public List<SseFrame> translate(SseEvent event) {
        if (exchange.capturing()) {
            exchange.upstreamEvent(event::toText, event.data() == null ? 0 : event.data().length());
        }
        if (ended) {
            return List.of();
        }
        if ("error".equals(event.name())) {
            Integer status = event.announcedStatus();
            return fail(status, event.data() == null ? "" : event.data());
        }
        byte[] bytes = event.dataBytes();
        if (bytes == null) {
            return List.of(); // an upstream keep-alive: the relay sends its own heartbeats
        }
        byte[] trimmed = trim(bytes);
        if (Arrays.equals(trimmed, DONE_BYTES)) {
            ended = true;
            return client.complete();
        }
        if (properties.fastPath() && client.takesRawChunks()) {
            ChunkScan scan = ChunkScan.of(trimmed);
            if (scan != null && unchangedByRepairs(scan)) {
                return passOn(scan);
            }
        }
        String data = trimmed == bytes ? event.data() : new String(trimmed, StandardCharsets.UTF_8);
        JsonNode root;
        try {
            root = json.readTree(data);
        } catch (JacksonException e) {
            return client.opaque(data);
        }
        if (!(root instanceof ObjectNode chunk)) {
            return client.opaque(data);
        }
        return translate(chunk);
    }

    private List<SseFrame> translate(ObjectNode chunk) {
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            return fail(null, chunk.toString());
        }
        Usage usage = Usage.of(chunk.get("usage"));
        if (usage != null) {
            exchange.usage(usage);
        }
        if (chunk.get("choices") instanceof ArrayNode array) {
            for (JsonNode node : array) {
                if (!(node instanceof ObjectNode choice)) {
                    continue;
                }
                if (generated(choice.get("delta"))) {
                    exchange.firstToken();
                }
                String finish = choice.path("finish_reason").isString() ? choice.path("finish_reason").asString() : null;
                if ("error_finish".equals(finish)) {
                    return fail(null, choice.path("delta").path("content").asString(""));
                }
                ChoiceRepair repair = choices.computeIfAbsent(choice.path("index").asInt(0),
                        index -> new ChoiceRepair(properties, json));
                if (choice.get("delta") instanceof ObjectNode delta) {
                    repair.repairDelta(delta);
                }
                if (finish != null) {
                    choice.put("finish_reason", repair.finishReason(finish));
                    finishSeen = true;
                }
            }
        }
        List<SseFrame> frames = client.chunk(chunk);
        if (client.finished()) {
            ended = true;
            cutShort = true;
        }
        return frames;
    }

    /**
     * The fast path's condition: no repair would change this chunk. Until a stream's texts have shown whether its
     * deltas are cumulative, the repair is asked about each non-empty text (read from the bytes); a finish reason must
     * be one the repairs leave as it is, and {@code error_finish} is the tree path's to turn into a failure.
     */
    private boolean unchangedByRepairs(ChunkScan scan) {
        for (int i = 0; i < scan.choices(); i++) {
            ChoiceRepair repair = choices.get(scan.index(i));
            boolean contentSettled = !scan.hasContent(i) || (repair != null && repair.contentSettled());
            boolean reasoningSettled = !scan.hasReasoning(i) || (repair != null && repair.reasoningSettled());
            if (contentSettled && reasoningSettled && !scan.hasFinishReason(i)) {
                continue;
            }
            if (!(contentSettled && reasoningSettled) && repeatsAnIndex(scan, i)) {
                return false; // the tree path repairs the same choice twice in one chunk, in order
            }
            String finish = scan.finishReason(i, json);
            if ("error_finish".equals(finish)) {
                return false;
            }
            if (repair == null) {
                repair = choices.computeIfAbsent(scan.index(i), index -> new ChoiceRepair(properties, json));
            }
            if (!repair.passesUnchanged(contentSettled ? null : scan.content(i, json),
                    reasoningSettled ? null : scan.reasoning(i, json), finish)) {
                return false;
            }
        }
        return true;
    }

    private static boolean repeatsAnIndex(ChunkScan scan, int choice) {
        for (int j = 0; j < scan.choices(); j++) {
            if (j != choice && scan.index(j) == scan.index(choice)) {
                return true;
            }
        }
        return false;
    }

    /** What the tree path does with a chunk no repair changes, without the tree. */
    private List<SseFrame> passOn(ChunkScan scan) {
        for (int i = 0; i < scan.choices(); i++) {
            ChoiceRepair repair = choices.computeIfAbsent(scan.index(i), index -> new ChoiceRepair(properties, json));
            if (scan.hasContent(i) || scan.hasReasoning(i)) {
                exchange.firstToken();
                String content = scan.hasContent(i) && !repair.contentSettled() ? scan.content(i, json) : null;
                String reasoning = scan.hasReasoning(i) && !repair.reasoningSettled() ? scan.reasoning(i, json) : null;
                if (content != null || reasoning != null) {
                    repair.passedUnchanged(content, reasoning);
                }
            }
            if (scan.hasFinishReason(i)) {
                finishSeen = true;
            }
        }
        List<SseFrame> frames = client.rawChunk(scan.chunk());
        if (client.finished()) {
            ended = true;
            cutShort = true;
        }
        return frames;
    }

    /** What {@link String#trim()} leaves of UTF-8 text: the bytes up to space around it go (the array itself if none). */
    private static byte[] trim(byte[] bytes) {
        int from = 0;
        int to = bytes.length;
        while (from < to && (bytes[from] & 0xFF) <= ' ') {
            from++;
        }
        while (to > from && (bytes[to - 1] & 0xFF) <= ' ') {
            to--;
        }
        return from == 0 && to == bytes.length ? bytes : Arrays.copyOfRange(bytes, from, to);
    }

    /** The upstream body ended. Without a finish reason that is a cut, never a silent success. */
    public List<SseFrame> endOfUpstream() {
        if (ended) {
            return List.of();
        }
        if (finishSeen) {
            ended = true;
            return client.complete();
        }
        return end(ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_stream_incomplete",
                "The Qwen stream ended before the answer was complete (no finish_reason, no [DONE])."));
    }

    /** Reading the upstream failed mid-stream (connection cut, read timeout). */
    public List<SseFrame> upstreamFailed(IOException failure) {
        if (ended) {
            return List.of();
        }
        return end(ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_stream_interrupted",
                "The Qwen stream was interrupted: " + failure.getClass().getSimpleName()
                        + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")")));
    }

    /** The upstream fell silent for the idle limit and was cut. */
    public List<SseFrame> upstreamIdle(Duration waited) {
        if (ended) {
            return List.of();
        }
        return end(UpstreamTimeouts.streamIdle(waited));
    }

    /** The gateway itself failed mid-stream: the client still hears of it rather than seeing a silent end. */
    public List<SseFrame> gatewayFailed(RuntimeException failure) {
        if (ended) {
            return List.of();
        }
        return end(ApiException.serverError(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The gateway failed while relaying the stream (" + failure.getClass().getSimpleName()
                        + "); see the gateway log, quoting the x-request-id header."));
    }

    /** Qwen reported an error inside the stream. */
    private List<SseFrame> fail(Integer announcedStatus, String errorBody) {
        return end(classifier.classifyInBand(announcedStatus, errorBody));
    }

    /** A delta with anything the model generated: text, reasoning or a tool call. */
    private static boolean generated(JsonNode delta) {
        if (delta == null) {
            return false;
        }
        return !delta.path("content").asString("").isEmpty() || !delta.path("reasoning_content").asString("").isEmpty()
                || !delta.path("tool_calls").isEmpty();
    }

    private List<SseFrame> end(ApiException error) {
        exchange.streamFailed(error);
        ended = true;
        return client.fail(error);
    }
}
