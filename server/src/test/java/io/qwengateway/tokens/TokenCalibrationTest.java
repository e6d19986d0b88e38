package io.qwengateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Usage;
import io.qwengateway.simulator.chat.TokenEstimate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class TokenCalibrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TokenCalibration calibration = new TokenCalibration(TokenEstimatorTest.DEFAULTS);
    private final TokenEstimator estimator = TokenEstimatorTest.estimator(calibration);

    @Test
    void correctionsConvergeOnAnUpstreamThatBillsWithAnotherTokenizer() {
        Random random = new Random(42);
        ObjectNode probe = request(hex(random, 3000));
        long billed = TokenEstimate.of(probe.path("messages").get(0).path("content").asString());
        long raw = estimator.estimate(probe).raw();
        assertThat(Math.abs(raw - billed) / (double) billed).as("raw estimate error").isGreaterThan(0.3);

        for (int i = 0; i < 10; i++) {
            ObjectNode request = request(hex(random, 2000 + random.nextInt(2000)));
            // The simulator bills a quarter token per character of the message text, nothing for the template.
            long reported = TokenEstimate.of(request.path("messages").get(0).path("content").asString());
            calibration.observe(exchange(estimator.estimate(request).raw(), reported));
        }

        long corrected = estimator.estimate(probe).corrected();
        assertThat(Math.abs(corrected - billed) / (double) billed).as("corrected estimate error").isLessThan(0.05);
    }

    @Test
    void noCorrectionBeforeTheMinimumOfSamples() {
        calibration.learn("coder-model", 1000, 2000);
        calibration.learn("coder-model", 1000, 2000);
        assertThat(calibration.correct("coder-model", 100)).isEqualTo(100);
        calibration.learn("coder-model", 1000, 2000);
        assertThat(calibration.correct("coder-model", 100)).isEqualTo(200);
    }

    @Test
    void anOutlierAndATinyRequestDoNotCalibrate() {
        for (int i = 0; i < 3; i++) {
            calibration.learn("coder-model", 1000, 900);
        }
        calibration.learn("coder-model", 2000, 10); // an upstream that billed no image
        calibration.learn("coder-model", 10, 1000); // the template dominates
        assertThat(calibration.ratio("coder-model")).isEqualTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void eachModelHasItsOwnRatio() {
        for (int i = 0; i < 3; i++) {
            calibration.learn("coder-model", 1000, 500);
        }
        assertThat(calibration.correct("qwen3-coder-plus", 100)).isEqualTo(100);
    }

    private static ObjectNode request(String text) {
        ObjectNode request = JSON.createObjectNode().put("model", "coder-model");
        request.putArray("messages").addObject().put("role", "user").put("content", text);
        return request;
    }

    private static String hex(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(Integer.toHexString(random.nextInt(16)));
        }
        return text.toString();
    }

    private static ExchangeRecord exchange(long raw, long reported) {
        return new ExchangeRecord("req_1", Instant.EPOCH, "openai", "/v1/chat/completions", "coder-model", false,
                "default", raw, raw, List.of(), List.of(), new Usage(reported, 1, 0, 0), 200,
                ExchangeRecord.Outcome.OK, null, null, 1, 1, -1, null);
    }
}
