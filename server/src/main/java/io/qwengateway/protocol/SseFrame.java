package io.qwengateway.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One server-sent event for the client: an optional event name and its data (one line of compact JSON, or
 * {@code [DONE]}). Every protocol's stream translator produces these; the relay writes them. The data is text, or
 * UTF-8 bytes for a chunk passed on as the upstream sent it ({@link #data(byte[])}), written without a detour
 * through a string.
 */
public final class SseFrame {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final String event;
    private String data;
    private final byte[] dataBytes;

    private SseFrame(String event, String data, byte[] dataBytes) {
        this.event = event;
        this.data = data;
        this.dataBytes = dataBytes;
    }

    public static SseFrame data(String data) {
        return new SseFrame(null, data, null);
    }

    /** A data-only event whose payload is already UTF-8 bytes (not copied, not to be changed). */
    public static SseFrame data(byte[] utf8) {
        return new SseFrame(null, null, utf8);
    }

    public static SseFrame named(String event, String data) {
        return new SseFrame(event, data, null);
    }

    /** The {@code event:} field, or null for a data-only event (what Chat Completions clients expect). */
    public String event() {
        return event;
    }

    /** The {@code data:} payload, without newlines. */
    public String data() {
        if (data == null) {
            data = new String(dataBytes, StandardCharsets.UTF_8);
        }
        return data;
    }

    /** The frame on the wire: {@code event: x\n} when named, then {@code data: payload\n\n} with OpenAI's space. */
    public String toText() {
        return event == null ? "data: " + data() + "\n\n" : "event: " + event + "\ndata: " + data() + "\n\n";
    }

    /** Appends the frame's wire form ({@link #toText()}) in UTF-8. */
    public void writeTo(ByteArrayOutputStream out) {
        if (event != null) {
            out.writeBytes(("event: " + event + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(DATA);
        out.writeBytes(dataBytes != null ? dataBytes : data.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(END);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SseFrame frame && Objects.equals(event, frame.event) && data().equals(frame.data());
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, data());
    }

    @Override
    public String toString() {
        return "SseFrame[event=" + event + ", data=" + data() + "]";
    }
}
