package io.qwengateway.protocol.responses;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.data.redis.core.script.DefaultRedisScript;

import io.qwengateway.cluster.SharedState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored responses shared by every replica: each one a Redis string that expires with the store's TTL, and an index
 * (a sorted set by time, with each one's size) so that the oldest go once all of them pass the size cap, atomically,
 * in one script. When Redis cannot be used, the replica keeps and finds responses in its own memory, so a
 * conversation goes on (on that replica) through an outage.
 */
public class RedisResponseStore implements ResponseStore {

    /** Saves one response, forgets index entries past the TTL, then the oldest while the total passes the cap. */
    private static final DefaultRedisScript<Long> SAVE = new DefaultRedisScript<>("""
            local prefix, id, body, ttl, now, size, cap = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]),
                tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
            redis.call('SET', prefix .. id, body, 'EX', ttl)
            local old = redis.call('HGET', KEYS[2], id)
            if old then redis.call('DECRBY', KEYS[3], old) end
            redis.call('ZADD', KEYS[1], now, id)
            redis.call('HSET', KEYS[2], id, size)
            local total = redis.call('INCRBY', KEYS[3], size)
            local function forget(victim)
              local bytes = tonumber(redis.call('HGET', KEYS[2], victim) or '0')
              redis.call('ZREM', KEYS[1], victim)
              redis.call('HDEL', KEYS[2], victim)
              redis.call('DEL', prefix .. victim)
              total = redis.call('DECRBY', KEYS[3], bytes)
            end
            for _, victim in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - ttl * 1000)) do
              forget(victim)
            end
            while total > cap do
              local oldest = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
              if not oldest or oldest == id then break end
              forget(oldest)
            end
            return total
            """, Long.class);

    private final SharedState redis;
    private final InMemoryResponseStore local;
    private final ObjectMapper json;
    private final Duration ttl;
    private final long maxBytes;
    private final Clock clock;

    public RedisResponseStore(SharedState redis, ResponsesProperties.Store settings, ObjectMapper json, Clock clock) {
        this.redis = redis;
        this.local = new InMemoryResponseStore(settings);
        this.json = json;
        this.ttl = settings.ttl();
        this.maxBytes = settings.maxSize().toBytes();
        this.clock = clock;
        redis.uses("stored responses");
    }

    @Override
    public void save(StoredResponse response) {
        String body = json.writeValueAsString(toJson(response));
        Long saved = redis.call(template -> template.execute(SAVE,
                List.of(redis.key("responses:index"), redis.key("responses:sizes"), redis.key("responses:bytes")),
                redis.key("response:"), response.id(), body, Long.toString(Math.max(1, ttl.toSeconds())),
                Long.toString(clock.millis()), Long.toString(response.sizeBytes()), Long.toString(maxBytes)),
                () -> null);
        if (saved == null) {
            local.save(response);
        }
    }

    @Override
    public Optional<StoredResponse> find(String id, String owner) {
        Optional<String> body = redis.call(template -> Optional.ofNullable(template.opsForValue()
                .get(redis.key("response:" + id))), Optional::empty);
        return body.flatMap(this::fromJson).filter(stored -> stored.owner().equals(owner))
                .or(() -> local.find(id, owner));
    }

    @Override
    public boolean delete(String id, String owner) {
        boolean removed = find(id, owner).isPresent() && Boolean.TRUE.equals(redis.call(template -> {
            template.opsForZSet().remove(redis.key("responses:index"), id);
            Object size = template.opsForHash().get(redis.key("responses:sizes"), id);
            template.opsForHash().delete(redis.key("responses:sizes"), id);
            if (size != null) {
                template.opsForValue().decrement(redis.key("responses:bytes"), Long.parseLong(size.toString()));
            }
            return template.delete(redis.key("response:" + id));
        }, () -> Boolean.FALSE));
        return local.delete(id, owner) || removed;
    }

    private ObjectNode toJson(StoredResponse response) {
        ObjectNode node = json.createObjectNode();
        node.put("id", response.id());
        node.put("owner", response.owner());
        node.set("response", response.response());
        node.putArray("history").addAll(response.history());
        node.putArray("input").addAll(response.input());
        node.put("size_bytes", response.sizeBytes());
        return node;
    }

    private Optional<StoredResponse> fromJson(String body) {
        try {
            JsonNode node = json.readTree(body);
            return Optional.of(new StoredResponse(node.path("id").asString(), node.path("owner").asString(),
                    (ObjectNode) node.path("response"), items(node.path("history")), items(node.path("input")),
                    node.path("size_bytes").asLong()));
        } catch (JacksonException | ClassCastException e) {
            return Optional.empty(); // written by another version: treat as gone
        }
    }

    private static List<ObjectNode> items(JsonNode array) {
        return array.valueStream().map(ObjectNode.class::cast).toList();
    }
}
