package io.qwengateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.qwengateway.simulator.chat.TokenEstimate;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;

/**
 * Against the simulator, which bills a quarter token per character of message text and nothing for the chat
 * template, the gateway's estimate starts far off and converges on the bill as answers report their usage. A model
 * name of its own keeps other tests' traffic out of its calibration.
 */
class CalibrationIT extends GatewayIntegrationTest {

    private static final String MODEL = "calibration-probe-model";

    @Test
    void theEstimateConvergesOnWhatTheUpstreamBills() {
        Random random = new Random(7);
        String probe = hex(random, 3000);
        long billed = TokenEstimate.of(probe);
        long before = countTokens(probe);
        assertThat(error(before, billed)).as("error before calibration").isGreaterThan(0.3);

        for (int i = 0; i < 8; i++) {
            String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                    + hex(random, 2000 + random.nextInt(2000)) + "\"}]";
            HttpResponse<String> response = i % 2 == 0 ? gateway.postJson("/v1/chat/completions", body + "}")
                    : gateway.postStream("/v1/chat/completions", body + ",\"stream\":true}");
            assertThat(response.statusCode()).isEqualTo(200);
        }

        // The calibration is an observer of each finished exchange: the last stream's may land a moment later.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> error(countTokens(probe), billed) < 0.05);
    }

    /** {@code /v1/messages/count_tokens}: the gateway's corrected estimate, without an upstream call. */
    private long countTokens(String text) {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/messages/count_tokens")
                .header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
                .header("x-api-key", "any-key").POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + MODEL
                        + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}")).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.parse(response.body()).path("input_tokens").asLong();
    }

    private static double error(long estimate, long billed) {
        return Math.abs(estimate - billed) / (double) billed;
    }

    private static String hex(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(Integer.toHexString(random.nextInt(16)));
        }
        return text.toString();
    }
}
