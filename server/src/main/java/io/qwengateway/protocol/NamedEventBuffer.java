package io.qwengateway.protocol;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The events a protocol's assembler emits while one upstream chunk is handled, as named frames whose data repeats
 * the name as {@code type} (the Responses and Messages framing), optionally numbered with {@code sequence_number}
 * from 0 (Responses). The stream translator drains them after each chunk. One per stream.
 */
public final class NamedEventBuffer {

    private final ObjectMapper json;
    private final boolean numbered;
    private final List<SseFrame> pending = new ArrayList<>();
    private int sequence;

    public NamedEventBuffer(ObjectMapper json, boolean numbered) {
        this.json = json;
        this.numbered = numbered;
    }

    public void emit(String type, ObjectNode fields) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.setAll(fields);
        if (numbered) {
            event.put("sequence_number", sequence++);
        }
        pending.add(SseFrame.named(type, json.writeValueAsString(event)));
    }

    /** The frames emitted since the last drain. */
    public List<SseFrame> drain() {
        List<SseFrame> frames = List.copyOf(pending);
        pending.clear();
        return frames;
    }
}
