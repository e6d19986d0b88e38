package io.qwengateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteUsageStoreTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 26);

    @TempDir
    Path data;

    @Test
    void batchesAddUpPerDayUpstreamAndModelAcrossReopens() {
        Path file = data.resolve("nested/usage.db");
        SqliteUsageStore.open(file).add(List.of(
                new UsageRow(DAY, "default", "coder-model", new UsageCounts(2, 1, 100, 20, 50, 5)),
                new UsageRow(DAY, "default", "qwen3-coder-plus", new UsageCounts(1, 0, 10, 2, 0, 0))));
        SqliteUsageStore reopened = SqliteUsageStore.open(file);
        reopened.add(List.of(new UsageRow(DAY, "default", "coder-model", new UsageCounts(1, 0, 30, 7, 0, 1)),
                new UsageRow(DAY.plusDays(1), "default", "coder-model", new UsageCounts(1, 1, 1, 1, 1, 1))));

        assertThat(reopened.between(DAY, DAY)).containsExactly(
                new UsageRow(DAY, "default", "coder-model", new UsageCounts(3, 1, 130, 27, 50, 6)),
                new UsageRow(DAY, "default", "qwen3-coder-plus", new UsageCounts(1, 0, 10, 2, 0, 0)));
        assertThat(reopened.between(DAY.plusDays(1), DAY.plusDays(7))).hasSize(1);
    }

    @Test
    void noFileNoStoreForTheCommand() {
        assertThat(SqliteUsageStore.existing(data.resolve("usage.db"))).isEmpty();
    }
}
