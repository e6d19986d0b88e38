package io.qwengateway.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.script.DefaultRedisScript;

import io.qwengateway.cluster.SharedState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The cooldowns every replica shares through Redis: one hash, upstream name to entry (the cooldown as JSON and when
 * it was set). A replica writes it at once when it sets an upstream aside or back, and a background thread reads it
 * whole every {@code gateway.pool.shared-refresh} into the replica's own store, which is what requests read. So
 * routing never waits for Redis, and a key spent on one replica is set aside on all of them within one refresh.
 *
 * <p>The local store (memory and {@code cooldowns.json}, as without Redis) is this replica's view and its fallback:
 * while Redis cannot be used, changes stay there and are written to Redis when it is back (the last writer wins). If
 * Redis comes back empty (restarted without persistence, flushed), the {@code generation} key it lost tells every
 * replica to publish the cooldowns it knows, so the cluster's view is rebuilt, not forgotten. At start, a replica
 * carries {@code cooldowns.json} over into a Redis that holds no pool state yet; joining a running cluster, it takes
 * the cluster's state over its file (an upstream reset meanwhile stays reset).
 *
 * <p>A dead credential set aside before this replica started is not taken over: as after a restart without Redis, the
 * replica's first request finds out again (a key may have been replaced since).
 */
public final class RedisCooldownStore implements CooldownStore {

    private static final Logger log = LoggerFactory.getLogger(RedisCooldownStore.class);

    /**
     * The generation of the hash (created if Redis has none, so that a lost hash is noticed), whether this read
     * created it ({@code 1}: Redis held no pool state), then the hash itself.
     */
    @SuppressWarnings("rawtypes")
    private static final DefaultRedisScript<List> READ = new DefaultRedisScript<>("""
            local generation, created = redis.call('GET', KEYS[2]), '0'
            if not generation then
              redis.call('SET', KEYS[2], ARGV[1])
              generation, created = ARGV[1], '1'
            end
            local entries = redis.call('HGETALL', KEYS[1])
            table.insert(entries, 1, created)
            table.insert(entries, 1, generation)
            return entries
            """, List.class);

    /** Removes the entry if it is still the one this replica saw (none seen: whatever is there). */
    private static final DefaultRedisScript<Long> REMOVE = new DefaultRedisScript<>("""
            if ARGV[2] == '' or redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0
            """, Long.class);

    private final SharedState redis;
    private final CooldownStore local;
    private final ObjectMapper json;
    private final Clock clock;
    private final Instant startedAt;
    private final String hash;
    private final List<String> keys;

    /** Each upstream's entry as last read from or written to Redis. */
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    /** Changes made while Redis could not be used: the entry to write, or null for a removal. */
    private final Map<String, Change> pending = new ConcurrentHashMap<>();
    /** When each upstream last changed here, so that an older read of Redis does not undo it. */
    private final Map<String, Long> changedAt = new HashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile String generation;
    private ScheduledExecutorService sync;

    private record Change(String entry, String expected) {
    }

    public RedisCooldownStore(SharedState redis, CooldownStore local, ObjectMapper json, Clock clock) {
        this.redis = redis;
        this.local = local;
        this.json = json;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.hash = redis.key("pool:cooldowns");
        this.keys = List.of(hash, redis.key("pool:cooldowns:generation"));
        redis.uses("upstream cooldowns");
    }

    /** Reads Redis now, then every {@code interval} on a thread of its own. */
    public RedisCooldownStore syncEvery(Duration interval) {
        sync();
        sync = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pool-state-sync");
            thread.setDaemon(true);
            return thread;
        });
        sync.scheduleWithFixedDelay(this::syncQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public Cooldown get(String upstream) {
        return local.get(upstream);
    }

    @Override
    public void put(String upstream, Cooldown cooldown) {
        String entry = encode(cooldown);
        changeLocally(upstream, () -> local.put(upstream, cooldown));
        settle(upstream, write(upstream, entry), new Change(entry, null), true);
    }

    @Override
    public void remove(String upstream) {
        String expected = seen.get(upstream);
        changeLocally(upstream, () -> local.remove(upstream));
        settle(upstream, delete(upstream, expected), new Change(null, expected), true);
    }

    @Override
    public Map<String, Cooldown> all() {
        return local.all();
    }

    /** Stops reading Redis, waiting for a read under way: called as the context closes, before the Redis client stops. */
    public void stopSyncing() {
        if (sync == null) {
            return;
        }
        sync.shutdownNow();
        try {
            sync.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopSyncing();
        local.close();
    }

    /**
     * Writes what changed while Redis could not be used, then reads Redis into the local store. Does nothing while
     * Redis is known to be unreachable (its checks notice when it is back).
     */
    void sync() {
        if (!redis.reachable()) {
            return;
        }
        pending.forEach(this::push);
        long mark = changes.get();
        List<String> answer = read();
        if (answer == null) {
            return;
        }
        String current = answer.get(0);
        if ("1".equals(answer.get(1)) || generation != null && !current.equals(generation)) {
            // Redis held nothing (a new cluster), or lost what it held: what this replica knows fills it again.
            publishAll();
            mark = changes.get();
            answer = read();
            if (answer == null) {
                return;
            }
        } else if (generation == null) {
            // Joining a cluster that has a state: its word wins over this replica's file, which may be old.
            local.all().keySet().forEach(upstream -> seen.putIfAbsent(upstream, ""));
        }
        generation = current;
        Map<String, String> entries = new HashMap<>();
        for (int i = 2; i + 1 < answer.size(); i += 2) {
            entries.put(answer.get(i), answer.get(i + 1));
        }
        apply(entries, mark);
    }

    private void syncQuietly() {
        try {
            sync();
        } catch (RuntimeException e) {
            log.warn("Cannot read the shared upstream cooldowns: {}", e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> read() {
        return redis.call(template -> (List<String>) template.execute(READ, keys, UUID.randomUUID().toString()),
                () -> null);
    }

    /** Redis held no pool state: what this replica knows goes where another replica has not put something. */
    private void publishAll() {
        Instant now = clock.instant();
        local.all().forEach((upstream, cooldown) -> {
            if (cooldown.activeAt(now) && !pending.containsKey(upstream)) {
                String entry = encode(cooldown);
                redis.call(template -> template.opsForHash().putIfAbsent(hash, upstream, entry), () -> false);
            }
        });
    }

    /** Takes Redis's entries over, except for upstreams that changed here since the read began. */
    private synchronized void apply(Map<String, String> entries, long mark) {
        entries.forEach((upstream, entry) -> {
            if (changedAt.getOrDefault(upstream, 0L) > mark || pending.containsKey(upstream)
                    || entry.equals(seen.get(upstream))) {
                return;
            }
            Decoded decoded = decode(entry);
            if (decoded == null) {
                return; // another version's entry: left alone
            }
            seen.put(upstream, entry);
            if (decoded.cooldown().reason() == Cooldown.Reason.DEAD && decoded.at().isBefore(startedAt)) {
                local.remove(upstream);
            } else {
                local.put(upstream, decoded.cooldown());
            }
        });
        for (String upstream : List.copyOf(seen.keySet())) {
            if (!entries.containsKey(upstream) && changedAt.getOrDefault(upstream, 0L) <= mark
                    && !pending.containsKey(upstream)) {
                seen.remove(upstream);
                local.remove(upstream);
            }
        }
    }

    private synchronized void changeLocally(String upstream, Runnable change) {
        changedAt.put(upstream, changes.incrementAndGet());
        change.run();
    }

    /** @param latest the change was just made here, so it replaces whatever was pending for the upstream */
    private synchronized void settle(String upstream, boolean done, Change change, boolean latest) {
        if (!done) {
            if (latest) {
                pending.put(upstream, change);
            } // else a push that failed again: it stays pending as it was
            return;
        }
        if (latest) {
            pending.remove(upstream);
        } else if (!pending.remove(upstream, change)) {
            return; // changed here again meanwhile: that change is newer
        }
        if (change.entry() == null) {
            seen.remove(upstream);
        } else {
            seen.put(upstream, change.entry());
        }
    }

    private void push(String upstream, Change change) {
        boolean done = change.entry() == null ? delete(upstream, change.expected()) : write(upstream, change.entry());
        settle(upstream, done, change, false);
    }

    private boolean write(String upstream, String entry) {
        return redis.call(template -> {
            template.opsForHash().put(hash, upstream, entry);
            return true;
        }, () -> false);
    }

    private boolean delete(String upstream, String expected) {
        return redis.call(template -> {
            template.execute(REMOVE, List.of(hash), upstream, expected == null ? "" : expected);
            return true;
        }, () -> false);
    }

    private String encode(Cooldown cooldown) {
        return json.writeValueAsString(CooldownJson.write(cooldown, json.createObjectNode())
                .put("at", clock.instant().toString()));
    }

    private record Decoded(Cooldown cooldown, Instant at) {
    }

    private Decoded decode(String entry) {
        try {
            JsonNode node = json.readTree(entry);
            Cooldown cooldown = CooldownJson.read(node);
            return cooldown == null ? null : new Decoded(cooldown, Instant.parse(node.path("at").asString("")));
        } catch (JacksonException | DateTimeParseException e) {
            return null;
        }
    }
}
