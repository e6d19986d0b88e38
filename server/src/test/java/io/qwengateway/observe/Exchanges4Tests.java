package io.qwengateway.observe;

import java.time.Instant;
import java.util.List;

/** Finished exchanges for the observers' tests. */
public final class Exchanges4Tests {

    private Exchanges4Tests() {
    }

    public static ExchangeRecord finished(String requestId, Instant at, String model, Usage usage,
            ExchangeRecord.Outcome outcome, int status) {
        return new ExchangeRecord(requestId, at, "openai", "/v1/chat/completions", model, false, "default", 100, 110,
                List.of(), List.of(), usage, status, outcome, outcome == ExchangeRecord.Outcome.OK ? null : "code",
                outcome == ExchangeRecord.Outcome.OK ? null : "message", 12_300_000, 10_000_000, -1, null);
    }
}
