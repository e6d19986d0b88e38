package io.qwengateway.benchmark;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

import org.springframework.data.redis.core.RedisCallback;

import io.qwengateway.cluster.SharedState;
import io.qwengateway.cluster.SharedStates;
import io.qwengateway.credentials.ApiKeyCredentialSource;
import io.qwengateway.credentials.ApiKeyProperties;
import io.qwengateway.pool.LocalCooldownStore;
import io.qwengateway.pool.LocalRateLimits;
import io.qwengateway.pool.LocalSessionAffinity;
import io.qwengateway.pool.ModelSet;
import io.qwengateway.pool.PoolMember;
import io.qwengateway.pool.PoolProperties;
import io.qwengateway.pool.RedisCooldownStore;
import io.qwengateway.pool.RedisRateLimits;
import io.qwengateway.pool.RedisSessionAffinity;
import io.qwengateway.pool.Route;
import io.qwengateway.pool.Routing;
import io.qwengateway.pool.RoutingStrategy;
import io.qwengateway.pool.UpstreamKind;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.support.RedisServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * What sharing the pool's state through Redis costs a request: the pool's part of one request (route, the first
 * upstream's permit, success) with the local state and with the Redis state, against a real redis-server on this
 * machine, without a session key and with one (and an {@code rpm} on every upstream), the four interleaved in rounds
 * so that they see the same machine state. A Redis PING is measured beside them, for the round trip itself.
 *
 * <p>Run: {@code java -cp <test classpath> io.qwengateway.benchmark.PoolStateBenchmark [iterations]} (see
 * docs/scale-out.md).
 */
public final class PoolStateBenchmark {

    private static final int ROUND = 500;
    private static final int SESSIONS = 5_000;

    private PoolStateBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Clock clock = Clock.systemUTC();
        List<PoolMember> members = List.of(member("a"), member("b"), member("c"));
        Map<String, Integer> rpm = Map.of("a", 10_000_000, "b", 10_000_000, "c", 10_000_000);
        PoolProperties properties = new PoolProperties(RoutingStrategy.ROUND_ROBIN, 2, Duration.ZERO,
                new PoolProperties.Affinity(true, Duration.ofHours(1), 10_000),
                new PoolProperties.Cooldowns("00:00", ZoneOffset.UTC, Duration.ofSeconds(1), Duration.ofMinutes(30), 3,
                        Duration.ofSeconds(60), false, false),
                Map.of(), Duration.ofMillis(250));
        try (RedisServer redis = RedisServer.start(); SharedStates.Connection connection = SharedStates.connect(redis)) {
            SharedState shared = connection.state();
            UpstreamPool local = pool(members, properties, null, Map.of(), clock);
            UpstreamPool localLimited = pool(members, properties, null, rpm, clock);
            UpstreamPool sharedPool = pool(members, properties, shared, Map.of(), clock);
            UpstreamPool sharedLimited = pool(members, properties, shared, rpm, clock);
            String[] names = {"local", "local, session + rpm", "Redis", "Redis, session", "Redis, rpm",
                    "Redis, session + rpm", "Redis PING"};
            long[][] samples = new long[names.length][iterations];
            for (int done = 0; done < iterations; done += ROUND) {
                int count = Math.min(ROUND, iterations - done);
                measure(samples[0], done, count, i -> request(local, null));
                measure(samples[1], done, count, i -> request(localLimited, session(i)));
                measure(samples[2], done, count, i -> request(sharedPool, null));
                measure(samples[3], done, count, i -> request(sharedPool, session(i)));
                measure(samples[4], done, count, i -> request(sharedLimited, null));
                measure(samples[5], done, count, i -> request(sharedLimited, session(i)));
                measure(samples[6], done, count, i -> shared.call(template -> template.execute(
                        (RedisCallback<String>) redisConnection -> redisConnection.ping()), () -> null));
            }
            System.out.printf("The pool's part of a request, %d requests each, 3 upstreams (nanoseconds):%n",
                    iterations);
            System.out.printf("  %-22s %10s %10s %10s%n", "", "median", "p99", "mean");
            for (int i = 0; i < names.length; i++) {
                long[] sorted = Arrays.copyOf(samples[i], iterations);
                Arrays.sort(sorted);
                System.out.printf("  %-22s %10d %10d %10d%n", names[i], sorted[iterations / 2],
                        sorted[(int) (iterations * 0.99)], (long) Arrays.stream(sorted).average().orElse(0));
            }
            for (UpstreamPool pool : List.of(local, localLimited, sharedPool, sharedLimited)) {
                pool.close();
            }
        }
    }

    /**
     * One of {@value #SESSIONS} sessions in turn: each comes back long after {@code shared-refresh}, as a client's
     * next turn does, so the read goes to Redis; the first of each is a new session (a read and a write).
     */
    private static String session(int i) {
        return "session-" + i % SESSIONS;
    }

    private static UpstreamPool pool(List<PoolMember> members, PoolProperties properties, SharedState shared,
            Map<String, Integer> rpm, Clock clock) {
        LocalSessionAffinity affinity = new LocalSessionAffinity(Duration.ofHours(1), 10_000);
        LocalRateLimits limits = new LocalRateLimits(rpm, Duration.ZERO, System::nanoTime);
        if (shared == null) {
            return new UpstreamPool(members, properties, LocalCooldownStore.inMemory(), affinity, limits, clock, null);
        }
        return new UpstreamPool(members, properties,
                new RedisCooldownStore(shared, LocalCooldownStore.inMemory(), JsonMapper.builder().build(), clock)
                        .syncEvery(properties.sharedRefresh()),
                new RedisSessionAffinity(shared, affinity, properties.affinity(), properties.sharedRefresh()),
                new RedisRateLimits(shared, limits, rpm, Duration.ZERO), clock, null);
    }

    private static void request(UpstreamPool pool, String session) {
        Routing routing = new Routing("coder-model", session, null);
        Route route = pool.route(routing);
        PoolMember member = route.next();
        pool.succeeded(member, routing);
    }

    private static void measure(long[] samples, int from, int count, IntConsumer request) {
        for (int i = from; i < from + count; i++) {
            long start = System.nanoTime();
            request.accept(i);
            samples[i] = System.nanoTime() - start;
        }
    }

    private static PoolMember member(String name) {
        return new PoolMember(name, UpstreamKind.API_KEY,
                new ApiKeyCredentialSource(new ApiKeyProperties("sk-" + name, "http://" + name + ".test/v1", Map.of())),
                ModelSet.ALL, 1, Map.of(), null);
    }
}
