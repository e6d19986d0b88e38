package io.qwengateway.tokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * How input tokens are estimated: {@code gateway.tokens.*}.
 *
 * @param encoding    the JTokkit encoding that counts text ({@code cl100k_base}: Qwen's tokenizer is cl100k_base
 *                    with Chinese words added, so English and code count alike, Chinese somewhat higher)
 * @param calibration the per-model correction from the usage the upstream reports
 * @param images      how an image part counts, as Qwen's vision models bill it
 * @param rememberedChars how many characters of counted text are kept with their counts, so that what an agent sends
 *                    again at every turn is not counted again ({@link RememberedCounts}); 0 keeps none
 */
@Validated
@ConfigurationProperties("gateway.tokens")
public record TokenProperties(@NotBlank String encoding, @NotNull @Valid Calibration calibration,
        @NotNull @Valid Images images, @Min(0) long rememberedChars) {

    /**
     * @param enabled    correct estimates by the model's running ratio of reported to estimated tokens
     * @param weight     the newest request's share in that ratio (an exponential moving average of both sums)
     * @param minSamples requests a model needs before its ratio is used
     * @param minTokens  smaller estimates do not calibrate: the chat template's fixed tokens dominate them
     * @param minRatio   a request billed at less than this share of its estimate does not calibrate (an upstream
     *                   that bills no images, say): one such request would skew the ratio for many
     * @param maxRatio   nor does one billed at more than this multiple of it
     */
    public record Calibration(boolean enabled, @DecimalMin("0.001") @DecimalMax("1") double weight,
            @Min(1) int minSamples, @Min(0) long minTokens, @DecimalMin("0") double minRatio,
            @DecimalMin("1") double maxRatio) {
    }

    /**
     * Qwen's vision models cut an image into {@code patchSize}-pixel squares, one token each, after scaling it to
     * between {@code minTokens} and {@code maxTokens} of them ({@code maxTokensHighResolution} with
     * {@code vl_high_resolution_images}), plus two tokens around it.
     *
     * @param unknownSizeTokens an image whose size the gateway cannot read (a URL: it fetches nothing; a format the
     *                          JDK cannot read)
     */
    public record Images(@Min(1) int patchSize, @Min(1) int minTokens, @Min(1) int maxTokens,
            @Min(1) int maxTokensHighResolution, @Min(0) int unknownSizeTokens) {
    }
}
