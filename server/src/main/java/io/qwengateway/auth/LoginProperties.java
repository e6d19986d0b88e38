package io.qwengateway.auth;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The device-code login: {@code gateway.qwen-oauth.login.*}. Defaults live in {@code application.yml}.
 *
 * @param initialPollInterval wait before the first poll and between polls; the Qwen OAuth server sends no interval
 * @param maxPollInterval     the longest interval {@code slow_down} answers may push polling to
 * @param slowDownFactor      growth of the interval on each {@code slow_down}
 * @param maxPending          logins started over HTTP and not yet expired, all callers together (memory stays bounded)
 * @param maxPendingPerCaller of those, the most one caller (a client key, or a remote address without keys) may hold,
 *                            so that one caller cannot use up {@code maxPending} for everyone
 * @param qr                  how QR codes are drawn
 */
@Validated
@ConfigurationProperties("gateway.qwen-oauth.login")
public record LoginProperties(@NotNull @DurationMin(millis = 1) Duration initialPollInterval,
        @NotNull @DurationMin(millis = 1) Duration maxPollInterval, @DecimalMin("1.0") double slowDownFactor,
        int maxPending, int maxPendingPerCaller, @NotNull @Valid Qr qr) {

    @ConstructorBinding
    public LoginProperties {
        if (maxPending < 1) {
            throw new IllegalArgumentException("gateway.qwen-oauth.login.max-pending must be at least 1");
        }
        maxPendingPerCaller = maxPendingPerCaller < 1 ? maxPending : Math.min(maxPendingPerCaller, maxPending);
    }

    /** Without a per-caller limit: one caller may hold all {@code maxPending} logins. */
    public LoginProperties(Duration initialPollInterval, Duration maxPollInterval, double slowDownFactor,
            int maxPending, Qr qr) {
        this(initialPollInterval, maxPollInterval, slowDownFactor, maxPending, maxPending, qr);
    }

    /**
     * @param quietZone       light modules around the code, on every side
     * @param pngModulePixels pixels per module in the PNG
     */
    public record Qr(@Min(0) int quietZone, @Min(1) int pngModulePixels) {
    }

    public PollInterval firstPollInterval() {
        return new PollInterval(initialPollInterval, slowDownFactor, maxPollInterval);
    }
}
