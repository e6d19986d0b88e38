package io.qwengateway.usage;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.data.redis.core.script.DefaultRedisScript;

import io.qwengateway.cluster.SharedState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The usage of every replica together, in Redis: one hash per day whose fields are a counter and the row's upstream
 * and model ({@code requests:["default","coder-model"]}), each added to with {@code HINCRBY}, kept for
 * {@code gateway.usage.cluster-retention}. Each replica's {@link UsageRecorder} hands it the same batches it writes
 * to its own SQLite history, on its writer thread, so a request never waits for Redis.
 *
 * <p>A batch is added once, however often it is sent: each carries this replica's next sequence number and the
 * script skips a number already applied (an answer lost to a timeout after Redis applied the batch is the case this
 * covers). A batch that could not be sent is sent again, unchanged, before anything newer; what arrives meanwhile
 * waits in a table by day, upstream and model, so memory stays bounded through an outage and the cluster's totals
 * catch up once Redis is back.
 */
public class ClusterUsage {

    private static final List<String> COUNTERS = List.of("requests", "failures", "input_tokens", "output_tokens",
            "cached_tokens", "reasoning_tokens");

    /**
     * KEYS[1]: this replica's last applied sequence; KEYS[2..]: each row's day hash. ARGV: the sequence, the
     * retention and the mark's lifetime in seconds, then for each row its field suffix and its six counts.
     */
    private static final DefaultRedisScript<Long> ADD = new DefaultRedisScript<>("""
            local sequence = tonumber(ARGV[1])
            if tonumber(redis.call('GET', KEYS[1]) or '0') >= sequence then return 0 end
            local counters = {'requests', 'failures', 'input_tokens', 'output_tokens', 'cached_tokens',
                              'reasoning_tokens'}
            local n = 4
            for i = 2, #KEYS do
              for c = 1, 6 do
                local amount = tonumber(ARGV[n + c])
                if amount ~= 0 then redis.call('HINCRBY', KEYS[i], counters[c] .. ':' .. ARGV[n], amount) end
              end
              redis.call('EXPIRE', KEYS[i], ARGV[2])
              n = n + 7
            end
            redis.call('SET', KEYS[1], sequence, 'EX', ARGV[3])
            return 1
            """, Long.class);

    private final SharedState redis;
    private final ObjectMapper json;
    private final Duration retention;
    private final String appliedKey;
    private long sequence;
    /** Sent at least once and perhaps applied: sent again as it is, never merged. Writer thread only. */
    private Batch unsent;
    /** Not yet sent. Writer thread only. */
    private Map<UsageRow.Key, UsageCounts> waiting = new HashMap<>();

    private record Batch(long sequence, List<UsageRow> rows) {
    }

    public ClusterUsage(SharedState redis, ObjectMapper json, Duration retention) {
        this(redis, json, retention, UUID.randomUUID().toString());
    }

    /** @param replica names this replica's sequence: unique per process */
    ClusterUsage(SharedState redis, ObjectMapper json, Duration retention, String replica) {
        this.redis = redis;
        this.json = json;
        this.retention = retention;
        this.appliedKey = redis.key("usage:applied:" + replica);
    }

    /** Adds a batch to the cluster's totals, or keeps it for the next call while Redis cannot be used. */
    synchronized void add(List<UsageRow> rows) {
        rows.forEach(row -> waiting.merge(row.key(), row.counts(), UsageCounts::plus));
        while (true) {
            if (unsent == null) {
                if (waiting.isEmpty()) {
                    return;
                }
                unsent = new Batch(++sequence, UsageRow.rowsOf(waiting));
                waiting = new HashMap<>();
            }
            if (!send(unsent)) {
                return;
            }
            unsent = null;
        }
    }

    private boolean send(Batch batch) {
        List<String> keys = new ArrayList<>(batch.rows().size() + 1);
        List<String> arguments = new ArrayList<>(batch.rows().size() * 7 + 3);
        keys.add(appliedKey);
        arguments.add(Long.toString(batch.sequence()));
        arguments.add(Long.toString(Math.max(1, retention.toSeconds())));
        arguments.add(Long.toString(Duration.ofDays(1).toSeconds()));
        for (UsageRow row : batch.rows()) {
            keys.add(dayKey(row.day()));
            arguments.add(json.writeValueAsString(List.of(row.upstream(), row.model())));
            UsageCounts counts = row.counts();
            for (long amount : new long[] { counts.requests(), counts.failures(), counts.inputTokens(),
                    counts.outputTokens(), counts.cachedTokens(), counts.reasoningTokens() }) {
                arguments.add(Long.toString(amount));
            }
        }
        return redis.call(template -> template.execute(ADD, keys, arguments.toArray()) != null, () -> false);
    }

    /**
     * Every replica's rows from {@code from} to {@code to} (days past the retention are gone), by day, upstream and
     * model; empty when Redis cannot be used now.
     */
    public Optional<List<UsageRow>> between(LocalDate from, LocalDate to) {
        LocalDate oldestKept = to.minusDays(retention.toDays());
        LocalDate first = from.isBefore(oldestKept) ? oldestKept : from;
        return redis.call(template -> {
            List<UsageRow> rows = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(to); day = day.plusDays(1)) {
                rows.addAll(rowsOf(day, template.<String, String>opsForHash().entries(dayKey(day))));
            }
            return Optional.of(rows);
        }, Optional::empty);
    }

    private List<UsageRow> rowsOf(LocalDate day, Map<String, String> fields) {
        Map<List<String>, long[]> rows = new TreeMap<>(Comparator.<List<String>, String>comparing(key -> key.get(0))
                .thenComparing(key -> key.get(1)));
        fields.forEach((field, value) -> {
            int colon = field.indexOf(':');
            int counter = colon < 0 ? -1 : COUNTERS.indexOf(field.substring(0, colon));
            Optional<List<String>> row = counter < 0 ? Optional.empty() : upstreamAndModel(field.substring(colon + 1));
            row.ifPresent(key -> rows.computeIfAbsent(key, ignored -> new long[COUNTERS.size()])[counter] =
                    Long.parseLong(value));
        });
        List<UsageRow> result = new ArrayList<>(rows.size());
        rows.forEach((key, counts) -> result.add(new UsageRow(day, key.get(0), key.get(1),
                new UsageCounts(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]))));
        return result;
    }

    /** The row a field names, or empty for a field written by something else. */
    private Optional<List<String>> upstreamAndModel(String suffix) {
        try {
            JsonNode pair = json.readTree(suffix);
            return pair.isArray() && pair.size() == 2
                    ? Optional.of(List.of(pair.get(0).asString(), pair.get(1).asString()))
                    : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private String dayKey(LocalDate day) {
        return redis.key("usage:" + day);
    }
}
