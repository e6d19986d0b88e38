package io.qwengateway.cluster;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis every replica shares, and whether it can be reached right now. Every use goes through
 * {@link #call}: when Redis fails (down, partitioned, too slow), the caller's local fallback answers instead and the
 * replica keeps serving; a check on a fixed interval notices when Redis is back, and both transitions are logged once.
 * Nothing here ever blocks a request for longer than the command timeout.
 */
public class SharedState {

    private static final Logger log = LoggerFactory.getLogger(SharedState.class);

    private final StringRedisTemplate redis;
    private final String keyPrefix;
    private final String where;
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final List<String> users = new CopyOnWriteArrayList<>();

    /** @param where the Redis address without credentials, for logs and {@code /health} */
    public SharedState(StringRedisTemplate redis, String keyPrefix, String where) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.where = where;
    }

    /** The full key for a name: the configured prefix (with its hash tag) and the name. */
    public String key(String name) {
        return keyPrefix + name;
    }

    /** Redis's answer, or the fallback's when Redis cannot be used now (the failure is logged once per outage). */
    public <T> T call(Function<StringRedisTemplate, T> command, Supplier<T> fallback) {
        if (!reachable.get()) {
            return fallback.get();
        }
        try {
            return command.apply(redis);
        } catch (DataAccessException | IllegalStateException e) {
            markUnreachable(e);
            return fallback.get();
        }
    }

    /** Called on the check interval: a PING, and the transition logged if the answer changed. */
    public void check() {
        try {
            redis.execute((org.springframework.data.redis.core.RedisCallback<String>) connection -> connection.ping());
            if (reachable.compareAndSet(false, true)) {
                lastError.set(null);
                log.info("Redis at {} is reachable again: shared state resumes", where);
            }
        } catch (DataAccessException | IllegalStateException e) {
            markUnreachable(e);
        }
    }

    private void markUnreachable(RuntimeException e) {
        lastError.set(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        if (reachable.compareAndSet(true, false)) {
            log.warn("Redis at {} cannot be used ({}); serving with this replica's local state until it is back",
                    where, lastError.get());
        }
    }

    /**
     * A component says what it keeps in Redis ({@code "upstream cooldowns"}), so that {@code /health} can tell what
     * this replica serves from its local state while Redis is unreachable.
     */
    public void uses(String what) {
        if (!users.contains(what)) {
            users.add(what);
        }
    }

    /** What the replica keeps in Redis, in the order the components said so. */
    public List<String> users() {
        return List.copyOf(users);
    }

    public boolean reachable() {
        return reachable.get();
    }

    public String where() {
        return where;
    }

    /** Why Redis was last found unusable, or null while it is reachable. */
    public String lastError() {
        return reachable.get() ? null : lastError.get();
    }
}
