package io.qwengateway.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One day's usage of one model through one upstream (an account of the pool, or {@code default}). */
public record UsageRow(LocalDate day, String upstream, String model, UsageCounts counts) {

    /** What identifies a row: its day, upstream and model. */
    public record Key(LocalDate day, String upstream, String model) {
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
