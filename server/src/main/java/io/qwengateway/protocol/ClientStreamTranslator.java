package io.qwengateway.protocol;

import java.util.List;

import io.qwengateway.errors.ApiException;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client protocol's half of one stream: turns the upstream chat stream, already repaired below every protocol
 * (tool-call ids and indexes, cumulative deltas, in-band errors found), into the client's events. One per stream,
 * used by the relay thread only. After {@link #complete()} or {@link #fail} nothing more is asked of it.
 */
public interface ClientStreamTranslator {

    /** Frames to send as soon as the upstream answered 2xx, before its first event. */
    default List<SseFrame> start() {
        return List.of();
    }

    /** One repaired {@code chat.completion.chunk}; the translator may change it, it is not used afterwards. */
    List<SseFrame> chunk(ObjectNode chunk);

    /**
     * Whether this protocol can take a chunk that the repairs leave unchanged as bytes ({@link #rawChunk}): then such
     * chunks skip the JSON tree. A protocol that builds its own events from the chunk's fields says no.
     */
    default boolean takesRawChunks() {
        return false;
    }

    /**
     * A chunk no repair touched, as the upstream's bytes; only asked of protocols that {@link #takesRawChunks()}. Must
     * give exactly the frames {@link #chunk} would give for the same chunk parsed.
     */
    default List<SseFrame> rawChunk(RawChunk chunk) {
        throw new UnsupportedOperationException("this protocol takes parsed chunks only");
    }

    /** Upstream data that is not a JSON object; most protocols have nothing to say about it. */
    default List<SseFrame> opaque(String data) {
        return List.of();
    }

    /**
     * True when the client's stream ended before the upstream's (a stop sequence matched): the relay stops reading
     * and cuts the upstream call, so the model stops generating for nobody.
     */
    default boolean finished() {
        return false;
    }

    /** What the relay writes during a silence: a comment by default; a protocol may have its own (Anthropic's ping). */
    default String heartbeat() {
        return ": keep-alive\n\n";
    }

    /** The upstream stream ended with a finish reason: the client's normal end. */
    List<SseFrame> complete();

    /** The stream failed after it started: the protocol's in-stream form of the error, which ends the stream. */
    List<SseFrame> fail(ApiException error);
}
