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
import io.qwengateway.support.Replica;
import io.qwengateway.support.SimulatedQwen;
import io.qwengateway.support.TwoReplicas;
import tools.jackson.databind.JsonNode;

/**
 * Two replicas with their own usage histories sharing a real redis-server: {@code /admin/usage} on either shows the
 * requests of both as one total, says so, and with Redis down each keeps counting on its own; the totals catch up.
 */
class SharedUsageIT {

    private static final String ADMIN_KEY = "admin-secret";

    private static TwoReplicas cluster;

    /** Each replica has its own data directory, so its SQLite history is its own as on separate machines. */
    @BeforeAll
    static void cluster() {
        cluster = TwoReplicas.start("--gateway.admin.key=" + ADMIN_KEY, "--gateway.usage.flush-interval=50ms",
                "--gateway.usage.time-zone=UTC");
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @BeforeEach
    void freshTotals() {
        SimulatedQwen.freshLogin();
        cluster.redis().command("FLUSHALL");
    }

    @Test
    void requestsOnBothReplicasShowAsOneTotalOnEither() {
        long onFirstBefore = requests(usage(cluster.first(), "?scope=replica"));
        chat(cluster.first(), 2);
        chat(cluster.second(), 3);

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (Replica replica : new Replica[] { cluster.first(), cluster.second() }) {
                JsonNode report = usage(replica, "");
                assertThat(report.path("scope").asString()).isEqualTo("cluster");
                assertThat(requests(report)).isEqualTo(5);
                assertThat(report.path("data").get(0).path("model").asString()).isEqualTo("coder-model");
                assertThat(report.path("total").path("input_tokens").asLong()).isPositive();
            }
        });
        JsonNode own = usage(cluster.first(), "?scope=replica");
        assertThat(own.path("scope").asString()).isEqualTo("replica");
        assertThat(requests(own) - onFirstBefore).as("the first replica's own history").isEqualTo(2);
    }

    @Test
    void withRedisDownEachReplicaCountsOnItsOwnAndTheTotalsCatchUpWhenItIsBack() {
        long onFirstBefore = requests(usage(cluster.first(), "?scope=replica"));
        cluster.redis().stop();
        try {
            chat(cluster.first(), 2);
            chat(cluster.second(), 1);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode report = usage(cluster.first(), "");
                assertThat(report.path("scope").asString()).as("says it shows its own").isEqualTo("replica");
                assertThat(requests(report) - onFirstBefore).isEqualTo(2);
            });
        } finally {
            cluster.redis().restart();
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode report = usage(cluster.second(), "");
            assertThat(report.path("scope").asString()).isEqualTo("cluster");
            assertThat(requests(report)).isEqualTo(3);
        });
    }

    private static void chat(Replica replica, int times) {
        for (int i = 0; i < times; i++) {
            HttpResponse<String> response = replica.client().postJson("/v1/chat/completions",
                    "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    private static JsonNode usage(Replica replica, String query) {
        HttpResponse<String> response = replica.client().send(replica.client().request("/admin/usage" + query)
                .header("Authorization", "Bearer " + ADMIN_KEY).GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.parse(response.body());
    }

    private static long requests(JsonNode report) {
        return report.path("total").path("requests").asLong();
    }
}
