package io.qwengateway.tokens;

/**
 * An estimate of a request's input tokens before the upstream counts them.
 *
 * @param raw       what the tokenizer counts ({@link TokenEstimator})
 * @param corrected {@code raw} times the model's running ratio of billed to estimated tokens
 *                  ({@link TokenCalibration}); equal to {@code raw} until the model has been calibrated
 */
public record TokenEstimate(long raw, long corrected) {
}
