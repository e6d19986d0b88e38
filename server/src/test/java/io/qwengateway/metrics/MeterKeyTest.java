package io.qwengateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qwengateway.observe.ExchangeRecord.Outcome;
import io.qwengateway.usage.UsageRow;

/**
 * The keys of the per-exchange lookups ({@link GatewayMetrics.Key}, {@link UsageRow.Key}) have hand-written equals
 * and hashCode: equal in every component means equal with the same hash, and a change in any one component (null
 * included) means another key. A slip there would merge two time series, or grow the maps at every exchange.
 */
class MeterKeyTest {

    private static final GatewayMetrics.Key METERS = new GatewayMetrics.Key("openai", "/v1/chat/completions",
            "coder-model", "default", true, 200, Outcome.OK);

    @Test
    void metersKeysEqualInEveryComponentAreEqualWithTheSameHash() {
        GatewayMetrics.Key same = new GatewayMetrics.Key(new String("openai"), new String("/v1/chat/completions"),
                new String("coder-model"), new String("default"), true, 200, Outcome.OK);

        assertThat(same).isEqualTo(METERS).hasSameHashCodeAs(METERS);
    }

    @Test
    void metersKeysDifferingInAnyOneComponentDiffer() {
        List<GatewayMetrics.Key> others = List.of(
                new GatewayMetrics.Key("anthropic", "/v1/chat/completions", "coder-model", "default", true, 200,
                        Outcome.OK),
                new GatewayMetrics.Key("openai", "/v1/messages", "coder-model", "default", true, 200, Outcome.OK),
                new GatewayMetrics.Key("openai", "/v1/chat/completions", "other", "default", true, 200, Outcome.OK),
                new GatewayMetrics.Key("openai", "/v1/chat/completions", "coder-model", "pool-2", true, 200,
                        Outcome.OK),
                new GatewayMetrics.Key("openai", "/v1/chat/completions", "coder-model", null, true, 200, Outcome.OK),
                new GatewayMetrics.Key("openai", "/v1/chat/completions", "coder-model", "default", false, 200,
                        Outcome.OK),
                new GatewayMetrics.Key("openai", "/v1/chat/completions", "coder-model", "default", true, 429,
                        Outcome.OK),
                new GatewayMetrics.Key("openai", "/v1/chat/completions", "coder-model", "default", true, 200,
                        Outcome.CLIENT_ERROR));

        for (GatewayMetrics.Key other : others) {
            assertThat(other).as("%s", other).isNotEqualTo(METERS);
            assertThat(METERS).as("%s", other).isNotEqualTo(other);
        }
        assertThat(METERS).isNotEqualTo(null).isNotEqualTo("openai");
    }

    @Test
    void usageKeysAreEqualExactlyWhenDayUpstreamAndModelAre() {
        LocalDate day = LocalDate.of(2026, 12, 3);
        UsageRow.Key key = new UsageRow.Key(day, "default", "coder-model");

        assertThat(new UsageRow.Key(LocalDate.of(2026, 12, 3), new String("default"), new String("coder-model")))
                .isEqualTo(key).hasSameHashCodeAs(key);
        assertThat(List.of(new UsageRow.Key(day.plusDays(1), "default", "coder-model"),
                new UsageRow.Key(day, "pool-2", "coder-model"), new UsageRow.Key(day, "default", "other"),
                new UsageRow.Key(day, null, "coder-model"), new UsageRow.Key(null, "default", "coder-model")))
                .allSatisfy(other -> assertThat(other).isNotEqualTo(key));
        assertThat(new UsageRow.Key(null, null, null)).isEqualTo(new UsageRow.Key(null, null, null));
    }
}
