package io.qwengateway.streaming;

/**
 * Server-sent events already in their wire form ({@link io.qwengateway.protocol.SseFrame#writeTo}), sent to the
 * emitter as one item and written as they are ({@link PreFramedEventsConverter}).
 */
record PreFramedEvents(byte[] bytes) {
}
