package io.qwengateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster for a test class: a real redis-server and two {@link Replica}s on it, each with its own data directory
 * (as on separate machines: its own usage history) and the test's further properties. Closed together.
 */
public final class TwoReplicas implements AutoCloseable {

    private final RedisServer redis;
    private final Replica first;
    private final Replica second;

    private TwoReplicas(RedisServer redis, String... properties) {
        this.redis = redis;
        this.first = replica(redis, properties);
        this.second = replica(redis, properties);
    }

    public static TwoReplicas start(String... properties) {
        return new TwoReplicas(RedisServer.start(), properties);
    }

    private static Replica replica(RedisServer redis, String... properties) {
        List<String> arguments = new ArrayList<>(List.of(properties));
        try {
            arguments.add("--gateway.directories.data=" + Files.createTempDirectory("qwen-gateway-replica-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Replica.start(redis.url(), arguments.toArray(String[]::new));
    }

    public RedisServer redis() {
        return redis;
    }

    public Replica first() {
        return first;
    }

    public Replica second() {
        return second;
    }

    @Override
    public void close() {
        first.close();
        second.close();
        redis.close();
    }
}
