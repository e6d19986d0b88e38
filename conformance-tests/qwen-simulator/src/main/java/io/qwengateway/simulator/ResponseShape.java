package io.qwengateway.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How normal chat answers are cut up and paced. Benchmarks want many quick chunks; heartbeat and timeout tests want
 * slow ones.
 *
 * @param contentChunks the most chunks a streamed text is split into (split at word boundaries)
 * @param chunkDelay    pause between two stream events
 * @param headerDelay   pause before the response headers of every chat answer, streamed or not
 */
public record ResponseShape(int contentChunks, Duration chunkDelay, Duration headerDelay) {

    public static final ResponseShape DEFAULT = new ResponseShape(16, Duration.ZERO, Duration.ZERO);

    public ResponseShape {
        if (contentChunks < 1) {
            throw new IllegalArgumentException("contentChunks must be at least 1, was " + contentChunks);
        }
        requireNotNegative(chunkDelay, "chunkDelay");
        requireNotNegative(headerDelay, "headerDelay");
    }

    public ResponseShape withContentChunks(int chunks) {
        return new ResponseShape(chunks, chunkDelay, headerDelay);
    }

    public ResponseShape withChunkDelay(Duration delay) {
        return new ResponseShape(contentChunks, delay, headerDelay);
    }

    public ResponseShape withHeaderDelay(Duration delay) {
        return new ResponseShape(contentChunks, chunkDelay, delay);
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
    }
}
