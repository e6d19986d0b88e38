package io.qwengateway.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One day's usage of one model through one upstream (an account of the pool, or {@code default}). */
public record UsageRow(LocalDate day, String upstream, String model, UsageCounts counts) {

    /**
     * What identifies a row: its day, upstream and model. Looked up at every exchange, so equals and hashCode are
     * written out: a record's generated ones run as method-handle chains that the JIT did not inline
     * ({@code GatewayMetrics}' key, docs/performance.md).
     */
    public record Key(LocalDate day, String upstream, String model) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(model, key.model)
                    && Objects.equals(upstream, key.upstream) && Objects.equals(day, key.day);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Objects.hashCode(day) + Objects.hashCode(upstream)) + Objects.hashCode(model);
        }
    }

    public Key key() {
        return new Key(day, upstream, model);
    }

    /** The rows of a table by key. */
    static List<UsageRow> rowsOf(Map<Key, UsageCounts> table) {
        List<UsageRow> rows = new ArrayList<>(table.size());
        table.forEach((key, counts) -> rows.add(new UsageRow(key.day(), key.upstream(), key.model(), counts)));
        return rows;
    }
}
