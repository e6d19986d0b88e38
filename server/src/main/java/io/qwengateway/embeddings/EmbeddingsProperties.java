package io.qwengateway.embeddings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * {@code gateway.embeddings.*}.
 *
 * @param maxInputsPerCall most inputs one upstream call carries (DashScope's {@code text-embedding-v4}: 10); larger
 *                         batches are split into several calls and their answers joined in order
 */
@Validated
@ConfigurationProperties("gateway.embeddings")
public record EmbeddingsProperties(@Min(1) int maxInputsPerCall) {
}
