package io.qwengateway.credentials;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.qwengateway.cluster.SharedState;

/**
 * One account's refresh lease and published pair in Redis. Keys (under the cluster prefix, whose hash tag keeps them
 * in one slot so the scripts also run on a Redis Cluster), named after the account, never after a token:
 * <ul>
 * <li>{@code oauth:<account>:fence}: a counter (started at Redis's clock in milliseconds); every lease taken gets the
 * next value as its fencing token;</li>
 * <li>{@code oauth:<account>:lock}: {@code <fence>:<replica>} while a replica holds the lease, with the lease as its
 * expiry (SET NX PX); released only by its owner (compare and delete);</li>
 * <li>{@code oauth:<account>:pair}: a hash of the last published pair ({@code credentials}, see
 * {@link SharedCredentialsCodec}), the {@code fence} it was refreshed under and the access token's {@code expiry};
 * written only while the lease is still the writer's and only over a pair with a lower fence;</li>
 * <li>{@code oauth:refreshed}: the channel announcing an account whose pair was just published.</li>
 * </ul>
 * Every call goes through {@link SharedState}: with Redis unreachable the caller is told so at once and refreshes alone.
 */
final class RedisSharedRefresh implements SharedRefresh {

    private static final Logger log = LoggerFactory.getLogger(RedisSharedRefresh.class);

    /**
     * The lease if free: the next fencing token, in the lock's value with the lease as expiry; 0 if taken. A missing
     * counter (a new cluster, or a Redis that lost its data) starts at Redis's clock in milliseconds, so a token
     * handed out after a loss is still above every token the replicas hold from before it: they adopt its pair
     * instead of ignoring it and refreshing with a refresh token that pair rotated away.
     */
    private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            if redis.call('EXISTS', KEYS[2]) == 0 then
                local now = redis.call('TIME')
                redis.call('SET', KEYS[2], string.format('%.0f', now[1] * 1000 + math.floor(now[2] / 1000)))
            end
            local fence = redis.call('INCR', KEYS[2])
            redis.call('SET', KEYS[1], fence .. ':' .. ARGV[1], 'NX', 'PX', ARGV[2])
            return fence""", Long.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""", Long.class);

    /** The pair, only while the lease is the caller's and over a pair with a lower fence; then the announcement. */
    private static final RedisScript<Long> PUBLISH = RedisScript.of("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            local published = tonumber(redis.call('HGET', KEYS[2], 'fence') or '0')
            if published >= tonumber(ARGV[2]) then return 0 end
            redis.call('HSET', KEYS[2], 'fence', ARGV[2], 'credentials', ARGV[3], 'expiry', ARGV[4])
            redis.call('PUBLISH', ARGV[5], ARGV[6])
            return 1""", Long.class);

    private final String account;
    private final SharedState state;
    private final RedisMessageListenerContainer listeners;
    private final SharedCredentialsCodec codec;
    private final Duration lease;
    private final String owner;
    private final String lockKey;
    private final String fenceKey;
    private final String pairKey;
    private final String channel;
    private final AtomicBoolean unreadableReported = new AtomicBoolean();

    /** @param owner this replica, unique in the cluster (only ever compared) */
    RedisSharedRefresh(String account, SharedState state, RedisMessageListenerContainer listeners,
            SharedCredentialsCodec codec, Duration lease, String owner) {
        this.account = account;
        this.state = state;
        this.listeners = listeners;
        this.codec = codec;
        this.lease = lease;
        this.owner = owner;
        this.lockKey = state.key("oauth:" + account + ":lock");
        this.fenceKey = state.key("oauth:" + account + ":fence");
        this.pairKey = state.key("oauth:" + account + ":pair");
        this.channel = channel(state);
    }

    static String channel(SharedState state) {
        return state.key("oauth:refreshed");
    }

    static String newOwner() {
        return UUID.randomUUID().toString();
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public Optional<FencedCredentials> published() {
        Map<Object, Object> fields = state.call(redis -> redis.opsForHash().entries(pairKey), Map::of);
        Object fence = fields.get("fence");
        Object stored = fields.get("credentials");
        if (fence == null || stored == null) {
            return Optional.empty();
        }
        try {
            FencedCredentials pair = new FencedCredentials(Long.parseLong(fence.toString()),
                    codec.decode(stored.toString(), pairKey));
            unreadableReported.set(false);
            return Optional.of(pair);
        } catch (IllegalArgumentException e) {
            // The message says why (another key, not JSON...), never what the value holds.
            if (unreadableReported.compareAndSet(false, true)) {
                log.warn("The Qwen credentials published in Redis for {} cannot be read: {}; ignoring them",
                        account, e.getMessage());
            }
            return Optional.empty();
        }
    }

    @Override
    public Attempt tryLease() {
        long started = System.nanoTime();
        Long fence = state.call(redis -> redis.execute(ACQUIRE, List.of(lockKey, fenceKey), owner,
                Long.toString(lease.toMillis())), () -> null);
        if (fence == null) {
            return Attempt.UNSHARED;
        }
        if (fence == 0) {
            return Attempt.HELD_ELSEWHERE;
        }
        // Ends locally a little before Redis forgets it: a pair must never be published on a lease that may be over.
        long endsAt = started + lease.toNanos() - lease.toNanos() / 10;
        return Attempt.acquired(new RedisLease(fence, fence + ":" + owner, endsAt));
    }

    @Override
    public void onPublished(Runnable listener) {
        listeners.addMessageListener((message, pattern) -> {
            if (account.equals(new String(message.getBody(), java.nio.charset.StandardCharsets.UTF_8))) {
                listener.run();
            }
        }, new ChannelTopic(channel));
    }

    private final class RedisLease implements Lease {

        private final long fence;
        private final String value;
        private final long endsAtNanos;

        RedisLease(long fence, String value, long endsAtNanos) {
            this.fence = fence;
            this.value = value;
            this.endsAtNanos = endsAtNanos;
        }

        @Override
        public long fence() {
            return fence;
        }

        @Override
        public Publication publish(OAuthCredentials refreshed) {
            if (System.nanoTime() - endsAtNanos >= 0) {
                return Publication.LEASE_LOST;
            }
            Long published = state.call(redis -> redis.execute(PUBLISH, List.of(lockKey, pairKey), value,
                    Long.toString(fence), codec.encode(refreshed, pairKey), Long.toString(refreshed.expiryDate()),
                    channel, account), () -> null);
            if (published == null) {
                return Publication.UNPUBLISHED;
            }
            return published == 1 ? Publication.PUBLISHED : Publication.LEASE_LOST;
        }

        @Override
        public void close() {
            state.call(redis -> redis.execute(RELEASE, List.of(lockKey), value), () -> null);
        }
    }
}
