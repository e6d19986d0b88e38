package io.qwengateway.usage;

/**
 * What one upstream served of one model on one day, or the sum of such rows.
 *
 * @param failures requests that ended in an error (a refusal or a failure, not a client that left)
 */
public record UsageCounts(long requests, long failures, long inputTokens, long outputTokens, long cachedTokens,
        long reasoningTokens) {

    public static final UsageCounts ZERO = new UsageCounts(0, 0, 0, 0, 0, 0);

    public UsageCounts plus(UsageCounts other) {
        return new UsageCounts(requests + other.requests, failures + other.failures, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, cachedTokens + other.cachedTokens,
                reasoningTokens + other.reasoningTokens);
    }
}
