package io.qwengateway.usage;

import java.time.LocalDate;
import java.util.List;

/**
 * Where the usage history is kept: per day, upstream and model. The gateway's own is an SQLite file in its data
 * directory ({@link SqliteUsageStore}); several gateways sharing one history would implement this over a shared
 * database.
 */
public interface UsageStore {

    /** Adds each row's counts to what is kept for its day, upstream and model, all together or none. */
    void add(List<UsageRow> increments);

    /** Every row from {@code from} to {@code to}, both included, by day, upstream and model. */
    List<UsageRow> between(LocalDate from, LocalDate to);
}
