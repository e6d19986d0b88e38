package io.qwengateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

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

    @Test
    void theCurrentSchemaVersionIsTheHighestMigration() throws IOException {
        Pattern versioned = Pattern.compile("V(\\d+)__.*\\.sql");
        int highest = Arrays.stream(new PathMatchingResourcePatternResolver()
                        .getResources("classpath:" + SqliteUsageStore.MIGRATIONS + "/*.sql"))
                .map(resource -> versioned.matcher(resource.getFilename()))
                .filter(Matcher::matches)
                .mapToInt(match -> Integer.parseInt(match.group(1)))
                .max().orElseThrow();

        assertThat(SqliteUsageStore.CURRENT_SCHEMA_VERSION).isEqualTo(highest);
    }

    @Test
    void onlyAFileFlywayHasFullyMigratedSkipsFlyway() throws SQLException {
        Path file = data.resolve("usage.db");
        assertThat(new SqliteUsageStore(file).schemaIsCurrent()).as("no history yet").isFalse();

        SqliteUsageStore.open(file);
        assertThat(new SqliteUsageStore(file).schemaIsCurrent()).as("migrated").isTrue();

        execute(file, "UPDATE flyway_schema_history SET success = 0");
        assertThat(new SqliteUsageStore(file).schemaIsCurrent()).as("a failed migration").isFalse();

        execute(file, "UPDATE flyway_schema_history SET success = 1, version = '0'");
        assertThat(new SqliteUsageStore(file).schemaIsCurrent()).as("an older schema").isFalse();
    }

    @Test
    void aCurrentFileStillOpensForWriting() {
        Path file = data.resolve("usage.db");
        SqliteUsageStore.open(file);
        SqliteUsageStore reopened = SqliteUsageStore.open(file);
        reopened.add(List.of(new UsageRow(DAY, "default", "coder-model", new UsageCounts(1, 0, 1, 1, 0, 0))));

        assertThat(reopened.between(DAY, DAY)).hasSize(1);
    }

    private static void execute(Path file, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
