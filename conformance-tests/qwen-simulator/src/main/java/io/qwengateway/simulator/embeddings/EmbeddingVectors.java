package io.qwengateway.simulator.embeddings;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Deterministic unit vectors: the same text always gives the same vector, different texts almost surely differ,
 * so tests can compare embeddings without a model.
 */
final class EmbeddingVectors {

    private EmbeddingVectors() {
    }

    static float[] of(String text, int dimensions) {
        SplittableRandom random = new SplittableRandom(seedOf(text));
        double[] values = new double[dimensions];
        double squaredLength = 0;
        for (int i = 0; i < dimensions; i++) {
            values[i] = random.nextDouble(-1.0, 1.0);
            squaredLength += values[i] * values[i];
        }
        double length = Math.sqrt(squaredLength);
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) (values[i] / length);
        }
        return vector;
    }

    /** The first eight bytes of the text's SHA-256: stable across JVMs, unlike {@code String.hashCode} spreads. */
    private static long seedOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
