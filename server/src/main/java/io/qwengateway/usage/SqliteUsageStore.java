package io.qwengateway.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import io.qwengateway.credentials.PrivateFiles;

/**
 * The usage history in an SQLite file (sqlite-jdbc), its schema created and upgraded by Flyway from
 * {@code db/usage}. Write-ahead logging lets {@code usage} read while the server writes; a busy file is waited for a
 * few seconds. Additions are upserts, so rows of the same key from any number of batches add up.
 */
public final class SqliteUsageStore implements UsageStore {

    private static final String ADD = """
            INSERT INTO usage_daily (day, upstream, model, requests, failures, input_tokens, output_tokens,
                                     cached_tokens, reasoning_tokens)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (day, upstream, model) DO UPDATE SET
                requests = requests + excluded.requests,
                failures = failures + excluded.failures,
                input_tokens = input_tokens + excluded.input_tokens,
                output_tokens = output_tokens + excluded.output_tokens,
                cached_tokens = cached_tokens + excluded.cached_tokens,
                reasoning_tokens = reasoning_tokens + excluded.reasoning_tokens""";
    private static final String BETWEEN = """
            SELECT day, upstream, model, requests, failures, input_tokens, output_tokens, cached_tokens,
                   reasoning_tokens
            FROM usage_daily WHERE day >= ? AND day <= ? ORDER BY day, upstream, model""";

    /** Where Flyway finds the migrations, {@code V<n>__<what>.sql}. */
    static final String MIGRATIONS = "db/usage";
    /** The highest {@code V<n>} in {@link #MIGRATIONS}; a test keeps the two equal. */
    static final int CURRENT_SCHEMA_VERSION = 1;

    private final Path file;
    private final SQLiteDataSource dataSource;

    /** The store in {@code file} as it is, neither created nor upgraded: {@link #open} is the way in. */
    SqliteUsageStore(Path file) {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(5000);
        this.dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
    }

    /** The store in {@code file}, created (its directory 0700) or upgraded to the current schema. */
    public static SqliteUsageStore open(Path file) {
        try {
            PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory of the usage history " + file, e);
        }
        SqliteUsageStore store = new SqliteUsageStore(file);
        if (!store.schemaIsCurrent()) {
            Flyway.configure().dataSource(store.dataSource).locations("classpath:" + MIGRATIONS).load().migrate();
        }
        return store;
    }

    /**
     * Whether Flyway has already applied every migration of {@link #MIGRATIONS} to this file, so that opening it
     * needs no Flyway at all: Flyway's start (its ~360 classes, the scan of its locations, the validation) was ~8 % of
     * the gateway's startup, for a file that is current at every start but the first after an upgrade. A missing,
     * older or failed history, or one Flyway would have to repair, still goes to Flyway.
     */
    boolean schemaIsCurrent() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*), sum(success = 0), max(CAST(version AS INTEGER)) FROM flyway_schema_history"
                                + " WHERE version IS NOT NULL");
                ResultSet result = query.executeQuery()) {
            return result.next() && result.getInt(1) > 0 && result.getInt(2) == 0
                    && result.getInt(3) == CURRENT_SCHEMA_VERSION;
        } catch (SQLException noHistoryYet) {
            return false;
        }
    }

    /** The store in {@code file} for reading, if the gateway has written one. */
    public static java.util.Optional<SqliteUsageStore> existing(Path file) {
        return Files.isRegularFile(file) ? java.util.Optional.of(open(file)) : java.util.Optional.empty();
    }

    public Path file() {
        return file;
    }

    @Override
    public void add(List<UsageRow> increments) {
        if (increments.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement add = connection.prepareStatement(ADD)) {
                for (UsageRow row : increments) {
                    UsageCounts counts = row.counts();
                    add.setString(1, row.day().toString());
                    add.setString(2, row.upstream());
                    add.setString(3, row.model());
                    add.setLong(4, counts.requests());
                    add.setLong(5, counts.failures());
                    add.setLong(6, counts.inputTokens());
                    add.setLong(7, counts.outputTokens());
                    add.setLong(8, counts.cachedTokens());
                    add.setLong(9, counts.reasoningTokens());
                    add.addBatch();
                }
                add.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the usage history " + file + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<UsageRow> between(LocalDate from, LocalDate to) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(BETWEEN)) {
            query.setString(1, from.toString());
            query.setString(2, to.toString());
            List<UsageRow> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new UsageRow(LocalDate.parse(result.getString(1)), result.getString(2),
                            result.getString(3), new UsageCounts(result.getLong(4), result.getLong(5),
                                    result.getLong(6), result.getLong(7), result.getLong(8), result.getLong(9))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the usage history " + file + " failed: " + e.getMessage(), e);
        }
    }
}
