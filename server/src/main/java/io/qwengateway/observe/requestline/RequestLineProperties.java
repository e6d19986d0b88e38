package io.qwengateway.observe.requestline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Min;

/**
 * The one line per request on the console: {@code gateway.request-log.*}.
 *
 * @param enabled       write it (at INFO, on the logger {@code io.qwengateway.requests})
 * @param colours       colour it by outcome when the console is a terminal, {@code NO_COLOR} is unset and no log
 *                      file is configured
 * @param queueCapacity lines waiting for the console at most; beyond that they are dropped and counted
 */
@Validated
@ConfigurationProperties("gateway.request-log")
public record RequestLineProperties(boolean enabled, boolean colours, @Min(1) int queueCapacity) {
}
