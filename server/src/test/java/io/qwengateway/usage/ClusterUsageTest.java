package io.qwengateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.qwengateway.cluster.SharedStates;
import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Exchanges4Tests;
import io.qwengateway.observe.Usage;
import io.qwengateway.support.RedisServer;
import tools.jackson.databind.json.JsonMapper;

/** The cluster's usage totals in a real redis-server, added to by two {@link ClusterUsage}s standing for replicas. */
class ClusterUsageTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static RedisServer redis;

    private SharedStates.Connection first;
    private SharedStates.Connection second;
    private ClusterUsage onFirst;
    private ClusterUsage onSecond;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void twoReplicas() {
        redis.command("FLUSHALL");
        first = SharedStates.connect(redis);
        second = SharedStates.connect(redis);
        onFirst = new ClusterUsage(first.state(), JsonMapper.builder().build(), Duration.ofDays(30));
        onSecond = new ClusterUsage(second.state(), JsonMapper.builder().build(), Duration.ofDays(30));
    }

    @AfterEach
    void closeConnections() {
        first.close();
        second.close();
    }

    private static UsageRow row(LocalDate day, String upstream, String model, long requests, long input) {
        return new UsageRow(day, upstream, model, new UsageCounts(requests, 1, input, 2 * input, 3, 4));
    }

    @Test
    void theBatchesOfTwoReplicasAddUpByDayUpstreamAndModel() {
        onFirst.add(List.of(row(MONDAY, "default", "coder-model", 2, 10), row(TUESDAY, "work", "vision-model", 1, 5)));
        onSecond.add(List.of(row(MONDAY, "default", "coder-model", 3, 7), row(MONDAY, "a:b\"c", "odd model", 1, 1)));

        assertThat(onSecond.between(MONDAY, TUESDAY)).hasValue(List.of(
                new UsageRow(MONDAY, "a:b\"c", "odd model", new UsageCounts(1, 1, 1, 2, 3, 4)),
                new UsageRow(MONDAY, "default", "coder-model", new UsageCounts(5, 2, 17, 34, 6, 8)),
                row(TUESDAY, "work", "vision-model", 1, 5)));
        assertThat(onFirst.between(TUESDAY, TUESDAY)).hasValue(List.of(row(TUESDAY, "work", "vision-model", 1, 5)));
    }

    @Test
    void aBatchTheFileRefusesIsWrittenAgainButAddedToTheClusterOnce() {
        List<List<UsageRow>> written = new ArrayList<>();
        boolean[] failing = { true };
        UsageStore file = new UsageStore() {
            @Override
            public void add(List<UsageRow> increments) {
                if (failing[0]) {
                    throw new IllegalStateException("disk full");
                }
                written.add(increments);
            }

            @Override
            public List<UsageRow> between(LocalDate from, LocalDate to) {
                return List.of();
            }
        };
        UsageRecorder recorder = new UsageRecorder(file, new UsageProperties(true, "usage.db", Duration.ofHours(1),
                "UTC"), Optional.of(onFirst));
        Instant noon = MONDAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
        recorder.observe(Exchanges4Tests.finished("req_1", noon, "coder-model", new Usage(10, 2, 0, 0),
                ExchangeRecord.Outcome.OK, 200));
        recorder.flush();
        failing[0] = false;
        recorder.flush();

        UsageRow once = new UsageRow(MONDAY, "default", "coder-model", new UsageCounts(1, 0, 10, 2, 0, 0));
        assertThat(written).containsExactly(List.of(once));
        assertThat(onSecond.between(MONDAY, MONDAY)).hasValue(List.of(once));
    }

    @Test
    void aBatchSentAgainAfterRedisAppliedItIsAddedOnce() {
        List<UsageRow> batch = List.of(row(MONDAY, "default", "coder-model", 2, 10));
        new ClusterUsage(first.state(), JsonMapper.builder().build(), Duration.ofDays(30), "replica-1").add(batch);
        // The same replica's first batch once more, as after an answer lost to a timeout: its sequence is applied.
        new ClusterUsage(second.state(), JsonMapper.builder().build(), Duration.ofDays(30), "replica-1").add(batch);

        assertThat(onFirst.between(MONDAY, MONDAY)).hasValue(batch);
    }

    @Test
    void eachDayIsKeptForTheRetention() {
        onFirst.add(List.of(row(MONDAY, "default", "coder-model", 1, 1)));

        long ttl = Long.parseLong(redis.command("TTL", "{qwen-gateway}:usage:" + MONDAY).substring(1).strip());
        assertThat(Duration.ofSeconds(ttl)).isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));
        assertThat(onFirst.between(MONDAY.minusYears(5), MONDAY)).hasValue(List.of(row(MONDAY, "default",
                "coder-model", 1, 1)));
    }

    @Test
    void whileRedisIsDownBatchesWaitAndReachTheTotalsOnceItIsBackAddedOnce() {
        redis.stop();
        try {
            onFirst.add(List.of(row(MONDAY, "default", "coder-model", 2, 10)));
            onFirst.add(List.of(row(MONDAY, "default", "coder-model", 1, 10)));
            assertThat(onFirst.between(MONDAY, MONDAY)).as("no cluster totals without Redis").isEmpty();
        } finally {
            redis.restart();
        }
        first.state().check();

        onFirst.add(List.of());
        onFirst.add(List.of());

        assertThat(onSecond.between(MONDAY, MONDAY)).hasValue(List.of(new UsageRow(MONDAY, "default", "coder-model",
                new UsageCounts(3, 2, 20, 40, 6, 8))));
    }
}
