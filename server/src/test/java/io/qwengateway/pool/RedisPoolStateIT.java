package io.qwengateway.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.qwengateway.cluster.SharedState;
import io.qwengateway.cluster.SharedStates;
import io.qwengateway.support.MutableClock;
import io.qwengateway.support.RedisServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Redis implementations of the pool's state against a real redis-server, two "replicas" (each its own client,
 * local store and clock) side by side without gateways around them: what one sets, the other sees; what happens while
 * Redis is down is written when it is back; a Redis that lost its data is filled again.
 */
class RedisPoolStateIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PoolProperties.Affinity AFFINITY = new PoolProperties.Affinity(true, Duration.ofMinutes(5),
            3);

    private static RedisServer redis;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final MutableClock clock = MutableClock.startingNow();
    private SharedState first;
    private SharedState second;

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
        first = connect();
        second = connect();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private SharedState connect() {
        SharedStates.Connection connection = SharedStates.connect(redis);
        opened.add(connection);
        return connection.state();
    }

    private RedisCooldownStore cooldowns(SharedState state, CooldownStore local) {
        RedisCooldownStore store = new RedisCooldownStore(state, local, JSON, clock);
        opened.add(store);
        store.sync();
        return store;
    }

    private RedisCooldownStore cooldowns(SharedState state) {
        return cooldowns(state, LocalCooldownStore.inMemory());
    }

    private SessionAffinity affinity(SharedState state) {
        SessionAffinity affinity = new RedisSessionAffinity(state,
                new LocalSessionAffinity(AFFINITY.ttl(), AFFINITY.maxEntries()), AFFINITY, Duration.ofMillis(1));
        opened.add(affinity);
        return affinity;
    }

    private Cooldown quota() {
        return new Cooldown(Cooldown.Reason.QUOTA, clock.instant().plusSeconds(3600), "spent", 0);
    }

    /** Redis was down: it comes back, and both replicas find it again. */
    private void redisBack() {
        redis.restart();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            first.check();
            second.check();
            return first.reachable() && second.reachable();
        });
    }

    @Test
    void aCooldownSetOnOneReplicaIsSeenByTheOtherAtItsNextRead() {
        RedisCooldownStore a = cooldowns(first);
        RedisCooldownStore b = cooldowns(second);

        a.put("key-1", quota());
        assertThat(b.get("key-1")).as("not before its next read: requests never wait for Redis").isNull();
        b.sync();

        assertThat(b.get("key-1")).isEqualTo(quota());
        assertThat(b.all()).containsOnlyKeys("key-1");
    }

    @Test
    void aCooldownRemovedOnOneReplicaIsGoneOnTheOther() {
        RedisCooldownStore a = cooldowns(first);
        RedisCooldownStore b = cooldowns(second);
        a.put("key-1", quota());
        b.sync();

        b.remove("key-1");
        a.sync();

        assertThat(a.get("key-1")).isNull();
        assertThat(redis.command("HLEN", "{qwen-gateway}:pool:cooldowns")).startsWith(":0");
    }

    @Test
    void aRemovalOfWhatOneReplicaSawLeavesANewerCooldownOfAnotherAlone() {
        RedisCooldownStore a = cooldowns(first);
        RedisCooldownStore b = cooldowns(second);
        a.put("key-1", new Cooldown(Cooldown.Reason.THROTTLED, clock.instant().plusSeconds(1), "slow", 1));
        b.sync();

        a.put("key-1", quota()); // a newer cooldown that b has not read yet
        b.remove("key-1"); // b's expired throttle ends with a success there
        a.sync();
        b.sync();

        assertThat(a.get("key-1")).isEqualTo(quota());
        assertThat(b.get("key-1")).isEqualTo(quota());
    }

    @Test
    void whatChangesWhileRedisIsDownIsServedLocallyAndWrittenWhenItIsBack() {
        RedisCooldownStore a = cooldowns(first);
        RedisCooldownStore b = cooldowns(second);
        redis.stop();

        a.put("key-1", quota());
        a.sync();
        assertThat(a.get("key-1")).as("this replica's own view").isEqualTo(quota());
        assertThat(first.reachable()).isFalse();

        redisBack();
        a.sync();
        b.sync();
        assertThat(b.get("key-1")).isEqualTo(quota());
    }

    @Test
    void aRedisThatLostItsDataIsFilledAgainFromTheReplicas() {
        RedisCooldownStore a = cooldowns(first);
        RedisCooldownStore b = cooldowns(second);
        a.put("key-1", quota());
        b.sync();
        redis.stop();
        redisBack(); // empty: no persistence

        b.sync();
        a.sync();

        assertThat(redis.command("HGET", "{qwen-gateway}:pool:cooldowns", "key-1")).contains("quota");
        assertThat(a.get("key-1")).isEqualTo(quota());
        assertThat(b.get("key-1")).isEqualTo(quota());
    }

    @Test
    void theFirstReplicaOfAClusterCarriesItsFileIntoRedis() {
        LocalCooldownStore fromFile = LocalCooldownStore.inMemory();
        fromFile.put("key-1", quota());

        cooldowns(first, fromFile);

        assertThat(redis.command("HGET", "{qwen-gateway}:pool:cooldowns", "key-1")).contains("quota");
    }

    @Test
    void aReplicaJoiningARunningClusterTakesTheClustersStateOverItsFile() {
        Cooldown disabled = new Cooldown(Cooldown.Reason.DISABLED, null, "by the operator", 0);
        cooldowns(second).put("key-2", disabled);
        LocalCooldownStore fromFile = LocalCooldownStore.inMemory();
        fromFile.put("key-1", quota()); // reset by the cluster while this replica was stopped
        fromFile.put("key-2", quota());

        RedisCooldownStore a = cooldowns(first, fromFile);

        assertThat(a.get("key-1")).isNull();
        assertThat(a.get("key-2")).isEqualTo(disabled);
        assertThat(redis.command("HEXISTS", "{qwen-gateway}:pool:cooldowns", "key-1")).startsWith(":0");
    }

    @Test
    void aDeadCredentialFoundBeforeAReplicaStartedIsLeftForItToFindOut() {
        RedisCooldownStore a = cooldowns(first);
        a.put("old-key", new Cooldown(Cooldown.Reason.DEAD, null, "refused", 0));
        clock.advance(Duration.ofSeconds(1));
        RedisCooldownStore b = cooldowns(second); // started after: its key may be a new one

        a.put("new-key", new Cooldown(Cooldown.Reason.DEAD, null, "refused", 0));
        b.sync();

        assertThat(b.get("old-key")).isNull();
        assertThat(b.get("new-key")).isNotNull();
    }

    @Test
    void twoReplicasTogetherTakeAtMostTheRpmOfAnUpstreamAndUnlimitedOnesNeverAskRedis() {
        Map<String, Integer> rpm = Map.of("limited", 3);
        RateLimits a = new RedisRateLimits(first, new LocalRateLimits(rpm, Duration.ZERO, System::nanoTime), rpm,
                Duration.ZERO);
        RateLimits b = new RedisRateLimits(second, new LocalRateLimits(rpm, Duration.ZERO, System::nanoTime), rpm,
                Duration.ZERO);

        int granted = 0;
        for (int i = 0; i < 8; i++) {
            granted += (i % 2 == 0 ? a : b).tryAcquire("limited") ? 1 : 0;
        }

        assertThat(granted).isEqualTo(3);
        assertThat(a.untilNextPermit("limited")).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1));
        assertThat(b.acquireWaiting("limited")).as("no wait allowed").isFalse();
        assertThat(a.tryAcquire("free")).isTrue();
        assertThat(redis.command("EXISTS", "{qwen-gateway}:pool:rpm:free")).startsWith(":0");
    }

    @Test
    void withRedisDownEachReplicaCountsTheRpmAlone() {
        Map<String, Integer> rpm = Map.of("limited", 2);
        RateLimits a = new RedisRateLimits(first, new LocalRateLimits(rpm, Duration.ZERO, System::nanoTime), rpm,
                Duration.ZERO);
        redis.stop();
        try {
            assertThat(List.of(a.tryAcquire("limited"), a.tryAcquire("limited"), a.tryAcquire("limited")))
                    .containsExactly(true, true, false);
        } finally {
            redisBack();
        }
    }

    @Test
    void aSessionRememberedThroughOneReplicaIsFoundThroughTheOtherUnderAnOpaqueKey() {
        SessionAffinity a = affinity(first);
        SessionAffinity b = affinity(second);

        a.remember("user-42@example.com", "b");
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> redis.command("ZCARD", "{qwen-gateway}:pool:affinity-index").startsWith(":1"));

        assertThat(b.upstreamFor("user-42@example.com")).isEqualTo("b");
        assertThat(b.upstreamFor("someone-else")).isNull();
        assertThat(redis.command("KEYS", "*")).doesNotContain("user-42");
    }

    @Test
    void theSharedSessionsAreBoundedByMaxEntries() {
        SessionAffinity a = affinity(first);
        for (int i = 1; i <= 5; i++) {
            a.remember("session-" + i, "a");
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> redis.command("EXISTS",
                "{qwen-gateway}:pool:affinity:" + RedisSessionAffinity.id("session-5")).startsWith(":1"));

        assertThat(redis.command("ZCARD", "{qwen-gateway}:pool:affinity-index")).startsWith(":3");
        assertThat(redis.command("EXISTS", "{qwen-gateway}:pool:affinity:" + RedisSessionAffinity.id("session-1")))
                .startsWith(":0");
    }

    @Test
    void withRedisDownASessionStaysOnItsUpstreamThroughThisReplicasMemory() {
        SessionAffinity a = affinity(first);
        redis.stop();
        try {
            a.remember("session-down", "c");
            assertThat(a.upstreamFor("session-down")).isEqualTo("c");
        } finally {
            redisBack();
        }
    }

    @Test
    void eachStoreSaysWhatItKeepsInRedis() {
        cooldowns(first);
        affinity(first);
        new RedisRateLimits(first, new LocalRateLimits(Map.of(), Duration.ZERO, System::nanoTime), Map.of(),
                Duration.ZERO);

        assertThat(first.users()).containsExactly("upstream cooldowns", "session affinity", "rpm limits");
    }
}
