package io.qwengateway.benchmark;

import java.util.Arrays;

/** Latencies in nanoseconds; percentiles in milliseconds. */
final class Samples {
    private long[] values;
    private int size;

    Samples(int capacity) {
        values = new long[Math.max(1, capacity)];
    }

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /** The {@code index}th sample as added, in nanoseconds. */
    synchronized long nanos(int index) {
        return values[index];
    }

    synchronized int size() {
        return size;
    }

    synchronized double percentile(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, index))] / 1e6;
    }
}
