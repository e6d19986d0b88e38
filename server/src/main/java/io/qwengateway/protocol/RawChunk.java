package io.qwengateway.protocol;

import java.util.Arrays;

/**
 * An upstream {@code chat.completion.chunk} that the repairs leave as it is, still as the upstream's bytes: compact
 * JSON exactly as the gateway's own serialiser would write the parsed chunk (checked byte by byte when it was
 * scanned), with at least one choice, no tool calls, finish reasons that the repairs leave as they are, no
 * {@code error} key, and a {@code usage} that is absent or {@code null}. A protocol can thus pass it on, or make the
 * few edits it needs, without a JSON tree; the bytes it returns are those the tree would have given.
 */
public final class RawChunk {

    private static final byte[] NULL_USAGE = ",\"usage\":null".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final byte[] json;
    /** The {@code "usage":null} member with the comma that separates it from a neighbour, or -1 when absent. */
    private final int usageStart;
    private final int usageEnd;

    /**
     * @param json       the chunk, whole: its last byte is the closing brace (not copied, not to be changed)
     * @param usageStart where {@code "usage":null} and its separating comma start, -1 when the chunk has no usage
     * @param usageEnd   where they end (exclusive)
     */
    public RawChunk(byte[] json, int usageStart, int usageEnd) {
        this.json = json;
        this.usageStart = usageStart;
        this.usageEnd = usageEnd;
    }

    /** Whether the chunk has {@code "usage":null}. */
    public boolean hasUsage() {
        return usageStart >= 0;
    }

    /** The chunk as it came. */
    public byte[] bytes() {
        return json;
    }

    /**
     * The chunk without its {@code "usage":null} member, as {@code ObjectNode.remove("usage")} would leave it, as a
     * frame: written around the member, not copied without it.
     */
    public SseFrame frameWithoutUsage() {
        return hasUsage() ? SseFrame.data(json, usageStart, usageEnd) : SseFrame.data(json);
    }

    /** The chunk with a {@code "usage":null} member, as a frame ({@link #withNullUsage()}). */
    public SseFrame frameWithNullUsage() {
        return SseFrame.data(withNullUsage());
    }

    /** The chunk with a {@code "usage":null} member: as it came, or with one added last (as {@code putNull} would). */
    public byte[] withNullUsage() {
        if (hasUsage()) {
            return json;
        }
        int brace = json.length - 1;
        byte[] out = Arrays.copyOf(json, json.length + NULL_USAGE.length);
        System.arraycopy(NULL_USAGE, 0, out, brace, NULL_USAGE.length);
        out[out.length - 1] = '}';
        return out;
    }
}
