package io.qwengateway.observe.debug;

import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * The debug files: {@code gateway.debug-log.*}, in the log directory ({@code gateway.directories.logs}).
 *
 * @param enabled       {@code DEBUG_LOG}: one file per request (as {@code level: debug})
 * @param level         {@code LOG_LEVEL}: {@code debug} (a file per request), {@code error} (the default; {@code info}
 *                      and {@code warn} mean the same: failed requests only, in the rolling error log) or {@code off}
 * @param fileLimit     {@code LOG_FILE_LIMIT}: the newest request files kept
 * @param queueCapacity files waiting to be written at most; beyond that they are dropped and counted
 * @param maxPartSize   the most of each part (client request, upstream request, upstream response, client response)
 *                      a file keeps
 * @param errorLog      the rolling error log
 */
@Validated
@ConfigurationProperties("gateway.debug-log")
public record DebugLogProperties(boolean enabled,
        @NotNull @Pattern(regexp = "(?i)debug|info|warn|error|off", message = "must be debug, error or off") String level,
        @Min(1) int fileLimit, @Min(1) int queueCapacity, @NotNull DataSize maxPartSize,
        @NotNull @Valid ErrorLog errorLog) {

    /** What is written. */
    public enum Mode {
        /** A file per request. */
        DEBUG,
        /** Failed requests, in the error log. */
        ERROR,
        /** Nothing. */
        OFF
    }

    public Mode mode() {
        if (enabled) {
            return Mode.DEBUG;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "debug" -> Mode.DEBUG;
            case "off" -> Mode.OFF;
            default -> Mode.ERROR;
        };
    }

    /**
     * Logback's size-and-time rolling: a new file each day and whenever one reaches {@code maxFileSize}.
     *
     * @param fileName     the current file, in the log directory
     * @param maxFileSize  the size at which a file is rolled
     * @param maxHistory   days of rolled files kept
     * @param totalSizeCap all rolled files together at most (the oldest go first)
     */
    public record ErrorLog(@NotBlank String fileName, @NotNull DataSize maxFileSize, @Min(1) int maxHistory,
            @NotNull DataSize totalSizeCap) {
    }
}
