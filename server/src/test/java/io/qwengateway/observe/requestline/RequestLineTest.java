package io.qwengateway.observe.requestline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qwengateway.observe.ExchangeRecord;
import io.qwengateway.observe.Usage;

class RequestLineTest {

    private static ExchangeRecord stream(ExchangeRecord.Outcome outcome, List<String> adjustments,
            List<String> warnings) {
        return new ExchangeRecord("req_1", Instant.EPOCH, "anthropic", "/v1/messages", "coder-model", true, "default",
                1200, 1100, adjustments, warnings, new Usage(1150, 56, 1024, 12), 200, outcome,
                outcome == ExchangeRecord.Outcome.ERROR ? "upstream_stream_interrupted" : null, null, 1_234_500_000L,
                1_200_000_000L, 210_000_000L, null);
    }

    @Test
    void theLineTellsRouteModelUpstreamEstimateUsageStatusLatencyAndFirstToken() {
        assertThat(RequestLine.format(stream(ExchangeRecord.Outcome.OK, List.of(), List.of()), false)).isEqualTo(
                "anthropic /v1/messages model=coder-model upstream=default stream=true est=1100 prompt=1150 "
                        + "completion=56 cached=1024 reasoning=12 status=200 ok latency=1234.5ms ttft=210.0ms");
    }

    @Test
    void adjustmentsWarningsAndTheErrorFollow() {
        String line = RequestLine.format(stream(ExchangeRecord.Outcome.ERROR, List.of("max_tokens 100000→65536"),
                List.of("input ~140000 tokens is above the soft limit")), false);
        assertThat(line).contains("status=200 error error=upstream_stream_interrupted latency=")
                .endsWith(" adjusted: max_tokens 100000→65536; warning: input ~140000 tokens is above the soft limit");
    }

    @Test
    void aRequestWithoutUsageOrEstimateShowsDashes() {
        ExchangeRecord refused = new ExchangeRecord("req_2", Instant.EPOCH, "openai", "/v1/chat/completions", null,
                false, "default", -1, -1, List.of(), List.of(), null, 400, ExchangeRecord.Outcome.CLIENT_ERROR,
                "context_length_exceeded", "too long", 1_000_000, -1, -1, null);
        assertThat(RequestLine.format(refused, false)).isEqualTo("openai /v1/chat/completions model=- upstream=default "
                + "stream=false est=- prompt=- completion=- cached=- reasoning=- status=400 client_error "
                + "error=context_length_exceeded latency=1.0ms ttft=-");
    }

    @Test
    void coloursOnlyWhenAskedAndThenByOutcome() {
        assertThat(RequestLine.format(stream(ExchangeRecord.Outcome.OK, List.of(), List.of()), false))
                .doesNotContain("\u001b[");
        assertThat(RequestLine.format(stream(ExchangeRecord.Outcome.OK, List.of(), List.of()), true))
                .contains("\u001b[32mstatus=200 ok\u001b[0m");
        assertThat(RequestLine.format(stream(ExchangeRecord.Outcome.ERROR, List.of(), List.of()), true))
                .contains("\u001b[31mstatus=200 error");
        assertThat(RequestLine.format(stream(ExchangeRecord.Outcome.CANCELLED, List.of(), List.of()), true))
                .contains("\u001b[33mstatus=200 cancelled");
    }
}
