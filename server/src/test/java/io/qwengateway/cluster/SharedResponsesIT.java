package io.qwengateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.RedisServer;
import io.qwengateway.support.Replica;
import io.qwengateway.support.SimulatedQwen;
import tools.jackson.databind.JsonNode;

/** Two replicas sharing a real redis-server: stored responses are visible from both, and an outage is survived. */
class SharedResponsesIT {

    private static RedisServer redis;
    private static Replica first;
    private static Replica second;

    @BeforeAll
    static void cluster() {
        redis = RedisServer.start();
        first = Replica.start(redis.url());
        second = Replica.start(redis.url());
    }

    @AfterAll
    static void stop() {
        first.close();
        second.close();
        redis.close();
    }

    @BeforeEach
    void freshLogin() {
        SimulatedQwen.freshLogin();
    }

    private static JsonNode create(Replica replica, String body) {
        HttpResponse<String> response = replica.client().postJson("/v1/responses", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.parse(response.body());
    }

    @Test
    void aResponseStoredByOneReplicaIsReadAndContinuedOnTheOther() {
        JsonNode created = create(first, "{\"model\":\"coder-model\",\"input\":\"Remember 42\"}");
        String id = created.path("id").asString();

        HttpResponse<String> read = second.client().get("/v1/responses/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.parse(read.body()).path("id").asString()).isEqualTo(id);

        JsonNode next = create(second, """
                {"model":"coder-model","previous_response_id":"%s","input":"And now?"}""".formatted(id));
        assertThat(next.path("previous_response_id").asString()).isEqualTo(id);
        assertThat(redis.command("EXISTS", "{qwen-gateway}:response:" + next.path("id").asString())).startsWith(":1");

        HttpResponse<String> deleted = first.client().send(first.client().request("/v1/responses/" + id).DELETE().build());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(second.client().get("/v1/responses/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void withRedisDownAReplicaKeepsServingWithLocalStateAndTheSharedStateResumesWhenItIsBack() {
        redis.stop();
        try {
            JsonNode created = create(first, "{\"model\":\"coder-model\",\"input\":\"During the outage\"}");
            assertThat(first.client().get("/v1/responses/" + created.path("id").asString()).statusCode())
                    .as("kept locally").isEqualTo(200);
            assertThat(first.bean(SharedState.class).reachable()).isFalse();
        } finally {
            redis.restart();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> first.bean(SharedState.class).reachable() && second.bean(SharedState.class).reachable());

        JsonNode after = create(first, "{\"model\":\"coder-model\",\"input\":\"After the outage\"}");
        assertThat(second.client().get("/v1/responses/" + after.path("id").asString()).statusCode()).isEqualTo(200);
    }
}
