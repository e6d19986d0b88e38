package io.qwengateway.pool;

import java.util.Map;

/**
 * Where the pool keeps the cooldowns of its upstreams: in this process and a file (the local store), or later a store
 * that several gateways share. Implementations are safe for concurrent use; {@link #get} is on every request's path
 * and must be cheap.
 */
public interface CooldownStore extends AutoCloseable {

    /** The upstream's cooldown, expired or not; null when it has none. */
    Cooldown get(String upstream);

    void put(String upstream, Cooldown cooldown);

    void remove(String upstream);

    /** Every cooldown, by upstream name. */
    Map<String, Cooldown> all();

    @Override
    default void close() {
    }
}
