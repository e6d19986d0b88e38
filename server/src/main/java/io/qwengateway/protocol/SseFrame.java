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
    /** A part of {@link #dataBytes} that is not the payload, {@code [leftOutFrom, leftOutTo)}; empty when equal. */
    private final int leftOutFrom;
    private final int leftOutTo;

    private SseFrame(String event, String data, byte[] dataBytes, int leftOutFrom, int leftOutTo) {
        this.event = event;
        this.data = data;
        this.dataBytes = dataBytes;
        this.leftOutFrom = leftOutFrom;
        this.leftOutTo = leftOutTo;
    }

    public static SseFrame data(String data) {
        return new SseFrame(null, data, null, 0, 0);
    }

    /** A data-only event whose payload is already UTF-8 bytes (not copied, not to be changed). */
    public static SseFrame data(byte[] utf8) {
        return new SseFrame(null, null, utf8, 0, 0);
    }

    /**
     * A data-only event whose payload is these UTF-8 bytes but those from {@code leaveOutFrom} to {@code leaveOutTo}
     * (exclusive), written around them rather than copied without them; the left-out part must not split a character.
     */
    public static SseFrame data(byte[] utf8, int leaveOutFrom, int leaveOutTo) {
        if (leaveOutFrom < 0 || leaveOutTo < leaveOutFrom || leaveOutTo > utf8.length) {
            throw new IndexOutOfBoundsException("left out [" + leaveOutFrom + ", " + leaveOutTo + ") of " + utf8.length);
        }
        return new SseFrame(null, null, utf8, leaveOutFrom, leaveOutTo);
    }

    public static SseFrame named(String event, String data) {
        return new SseFrame(event, data, null, 0, 0);
    }

    /** The {@code event:} field, or null for a data-only event (what Chat Completions clients expect). */
    public String event() {
        return event;
    }

    /** The {@code data:} payload, without newlines. */
    public String data() {
        if (data == null) {
            data = new String(payload(), StandardCharsets.UTF_8);
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
        if (dataBytes == null) {
            out.writeBytes(data.getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(dataBytes, 0, leftOutFrom);
            out.write(dataBytes, leftOutTo, dataBytes.length - leftOutTo);
        }
        out.writeBytes(END);
    }

    /** The payload's bytes, the left-out part removed (a copy only then). */
    private byte[] payload() {
        if (leftOutFrom == leftOutTo) {
            return dataBytes;
        }
        byte[] payload = new byte[dataBytes.length - (leftOutTo - leftOutFrom)];
        System.arraycopy(dataBytes, 0, payload, 0, leftOutFrom);
        System.arraycopy(dataBytes, leftOutTo, payload, leftOutFrom, dataBytes.length - leftOutTo);
        return payload;
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
