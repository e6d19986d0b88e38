package io.qwengateway.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The device-code login: {@code gateway.qwen-oauth.login.*}. Defaults live in {@code application.yml}.
 *
 * @param initialPollInterval wait before the first poll and between polls; the Qwen OAuth server sends no interval
 * @param maxPollInterval     the longest interval {@code slow_down} answers may push polling to
 * @param slowDownFactor      growth of the interval on each {@code slow_down}
 * @param maxPending          logins started over HTTP and not yet expired (memory stays bounded)
 * @param qr                  how QR codes are drawn
 */
@ConfigurationProperties("gateway.qwen-oauth.login")
public record LoginProperties(Duration initialPollInterval, Duration maxPollInterval, double slowDownFactor,
        int maxPending, Qr qr) {

    /**
     * @param quietZone       light modules around the code, on every side
     * @param pngModulePixels pixels per module in the PNG
     */
    public record Qr(int quietZone, int pngModulePixels) {
    }

    public PollInterval firstPollInterval() {
        return new PollInterval(initialPollInterval, slowDownFactor, maxPollInterval);
    }
}
