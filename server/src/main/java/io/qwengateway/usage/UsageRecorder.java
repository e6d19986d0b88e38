package io.qwengateway.usage;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import io.qwengateway.observe.ExchangeObserver;
import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Usage;

/**
 * Adds each finished exchange to the usage history, off the request path: an exchange only adds its counts to a
 * small in-memory table (one entry per day, upstream and model), and a thread of its own writes that table to the
 * {@link UsageStore} every {@code gateway.usage.flush-interval} in one batch, and once more when the gateway stops.
 * A batch the store refuses is kept and tried again with the next. With Redis, the same batches go to the
 * cluster's totals too ({@link ClusterUsage}, which keeps what it could not send for its next turn).
 */
public class UsageRecorder implements ExchangeObserver, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final UsageStore store;
    private final Optional<ClusterUsage> cluster;
    private final ZoneId zone;
    private final ScheduledExecutorService writer;
    /**
     * What request threads added since the last write. A concurrent map, not a lock around a plain one: with a
     * thousand streams ending at once, hundreds of relay threads queued on that lock (JFR, docs/performance.md);
     * here they only meet on the same key's bin. The writer's own state is guarded by {@code this}.
     */
    private final ConcurrentHashMap<UsageRow.Key, UsageCounts> pending = new ConcurrentHashMap<>();
    /** Handed to the cluster already, not yet in the file (the store refused it). */
    private Map<UsageRow.Key, UsageCounts> unwritten = new HashMap<>();

    public UsageRecorder(UsageStore store, UsageProperties properties) {
        this(store, properties, Optional.empty());
    }

    /** @param cluster with Redis: the totals of every replica, added to with each batch */
    public UsageRecorder(UsageStore store, UsageProperties properties, Optional<ClusterUsage> cluster) {
        this.store = store;
        this.cluster = cluster;
        this.zone = properties.zone();
        this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "usage-writer");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.flushInterval().toMillis();
        writer.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void observe(ExchangeRecord exchange) {
        Usage usage = exchange.usage() == null ? Usage.NONE : exchange.usage();
        boolean failed = exchange.outcome() == ExchangeRecord.Outcome.ERROR
                || exchange.outcome() == ExchangeRecord.Outcome.CLIENT_ERROR;
        UsageCounts counts = new UsageCounts(1, failed ? 1 : 0, usage.prompt(), usage.completion(), usage.cached(),
                usage.reasoning());
        UsageRow.Key key = new UsageRow.Key(LocalDate.ofInstant(exchange.startedAt(), zone), exchange.upstream(),
                exchange.model() == null ? "-" : exchange.model());
        pending.merge(key, counts, UsageCounts::plus);
    }

    /** Writes what was gathered since the last write; run by the writer thread (and by tests). */
    synchronized void flush() {
        // Each key is taken out atomically: counts merged after its removal make a new entry, for the next write.
        Map<UsageRow.Key, UsageCounts> batch = new HashMap<>();
        for (UsageRow.Key key : pending.keySet()) {
            UsageCounts counts = pending.remove(key);
            if (counts != null) {
                batch.put(key, counts);
            }
        }
        // Redis gets each exchange once, whatever happens to the file; what it cannot take now it keeps.
        cluster.ifPresent(totals -> totals.add(UsageRow.rowsOf(batch)));
        batch.forEach((key, counts) -> unwritten.merge(key, counts, UsageCounts::plus));
        if (unwritten.isEmpty()) {
            return;
        }
        try {
            store.add(UsageRow.rowsOf(unwritten));
            unwritten = new HashMap<>();
        } catch (RuntimeException e) {
            log.warn("{}; keeping the usage for the next write", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
