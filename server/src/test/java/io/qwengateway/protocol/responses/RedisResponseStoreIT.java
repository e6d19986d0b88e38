package io.qwengateway.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.unit.DataSize;

import io.qwengateway.cluster.SharedState;
import io.qwengateway.support.MutableClock;
import io.qwengateway.support.RedisServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The Redis store against a real redis-server: TTL, the size cap across all responses, owners. */
class RedisResponseStoreIT {

    private static final JsonMapper JSON = new JsonMapper();
    private static RedisServer redis;
    private static LettuceConnectionFactory connections;
    private static SharedState shared;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
        connections.afterPropertiesSet();
        shared = new SharedState(new StringRedisTemplate(connections), "{test}:", "127.0.0.1:" + redis.port());
    }

    @AfterAll
    static void stopRedis() {
        connections.destroy();
        redis.close();
    }

    @BeforeEach
    void empty() {
        redis.command("FLUSHALL");
    }

    private static StoredResponse response(String id, String owner, int padding) {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("padding", "x".repeat(padding));
        return new StoredResponse(id, owner, body, List.of(JSON.createObjectNode().put("type", "message")), List.of(),
                padding + 100);
    }

    private static RedisResponseStore store(Duration ttl, DataSize cap, Clock clock) {
        return new RedisResponseStore(shared, new ResponsesProperties.Store(ttl, cap), JSON, clock);
    }

    @Test
    void aSavedResponseIsFoundByItsOwnerOnlyAndDeleted() {
        RedisResponseStore store = store(Duration.ofMinutes(5), DataSize.ofMegabytes(1), Clock.systemUTC());
        store.save(response("resp_a", "key #1", 10));

        assertThat(store.find("resp_a", "key #1")).get().extracting(StoredResponse::history).asList().hasSize(1);
        assertThat(store.find("resp_a", "key #2")).isEmpty();
        assertThat(store.delete("resp_a", "key #2")).isFalse();
        assertThat(store.delete("resp_a", "key #1")).isTrue();
        assertThat(store.find("resp_a", "key #1")).isEmpty();
        assertThat(redis.command("GET", "{test}:responses:bytes")).contains("0");
    }

    @Test
    void theOldestGoOnceAllResponsesPassTheSizeCap() {
        MutableClock clock = MutableClock.startingNow();
        RedisResponseStore store = store(Duration.ofMinutes(5), DataSize.ofBytes(2500), clock);
        for (int i = 0; i < 5; i++) {
            store.save(response("resp_" + i, "", 900)); // 1,000 bytes each
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(store.find("resp_0", "")).isEmpty();
        assertThat(store.find("resp_2", "")).isEmpty();
        assertThat(store.find("resp_3", "")).isPresent();
        assertThat(store.find("resp_4", "")).isPresent();
        assertThat(redis.command("GET", "{test}:responses:bytes")).contains("2000");
    }

    @Test
    void aResponseExpiresWithTheTtl() {
        RedisResponseStore store = store(Duration.ofSeconds(1), DataSize.ofMegabytes(1), Clock.systemUTC());
        store.save(response("resp_t", "", 10));

        assertThat(redis.command("TTL", "{test}:response:resp_t")).matches(":1\r\n|:0\r\n");
    }
}
