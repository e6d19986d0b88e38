package io.qwengateway.usage;

import java.time.LocalDate;

/** One day's usage of one model through one upstream (an account of the pool, or {@code default}). */
public record UsageRow(LocalDate day, String upstream, String model, UsageCounts counts) {

    /** What identifies a row: its day, upstream and model. */
    public record Key(LocalDate day, String upstream, String model) {
    }

    public Key key() {
        return new Key(day, upstream, model);
    }
}
