package io.qwengateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Exchanges4Tests;
import io.qwengateway.observe.Usage;

class UsageRecorderTest {

    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");

    /** Keeps what it is given; fails while {@code failing}. */
    private static final class MemoryStore implements UsageStore {
        final List<List<UsageRow>> batches = new ArrayList<>();
        boolean failing;

        @Override
        public void add(List<UsageRow> increments) {
            if (failing) {
                throw new IllegalStateException("disk full");
            }
            batches.add(List.copyOf(increments));
        }

        @Override
        public List<UsageRow> between(LocalDate from, LocalDate to) {
            return List.of();
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final UsageRecorder recorder = new UsageRecorder(store,
            new UsageProperties(true, "usage.db", Duration.ofHours(1), "UTC"));

    @Test
    void exchangesOfTheSameDayUpstreamAndModelBecomeOneRowOfOneBatch() {
        recorder.observe(Exchanges4Tests.finished("req_1", NOON, "coder-model", new Usage(10, 2, 4, 1),
                ExchangeRecord.Outcome.OK, 200));
        recorder.observe(Exchanges4Tests.finished("req_2", NOON, "coder-model", null,
                ExchangeRecord.Outcome.ERROR, 502));
        recorder.observe(Exchanges4Tests.finished("req_3", NOON, "coder-model", new Usage(5, 1, 0, 0),
                ExchangeRecord.Outcome.CANCELLED, 200));
        recorder.flush();

        assertThat(store.batches).containsExactly(List.of(new UsageRow(LocalDate.of(2026, 11, 26), "default",
                "coder-model", new UsageCounts(3, 1, 15, 3, 4, 1))));
    }

    @Test
    void aBatchTheStoreRefusesIsWrittenWithTheNext() {
        store.failing = true;
        recorder.observe(Exchanges4Tests.finished("req_1", NOON, "coder-model", new Usage(10, 2, 0, 0),
                ExchangeRecord.Outcome.OK, 200));
        recorder.flush();
        store.failing = false;
        recorder.observe(Exchanges4Tests.finished("req_2", NOON, "coder-model", new Usage(1, 1, 0, 0),
                ExchangeRecord.Outcome.OK, 200));
        recorder.flush();

        assertThat(store.batches).containsExactly(List.of(new UsageRow(LocalDate.of(2026, 11, 26), "default",
                "coder-model", new UsageCounts(2, 0, 11, 3, 0, 0))));
    }

    @Test
    void theDayIsTheConfiguredZonesCalendarDay() {
        UsageRecorder tokyo = new UsageRecorder(store, new UsageProperties(true, "usage.db", Duration.ofHours(1),
                "Asia/Tokyo"));
        tokyo.observe(Exchanges4Tests.finished("req_1", Instant.parse("2026-11-26T20:00:00Z"), "coder-model", null,
                ExchangeRecord.Outcome.OK, 200));
        tokyo.flush();
        assertThat(store.batches.get(0).get(0).day()).isEqualTo(LocalDate.of(2026, 11, 27));
    }
}
