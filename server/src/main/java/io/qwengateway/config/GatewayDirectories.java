package io.qwengateway.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the gateway keeps its own files: {@code gateway.directories.*}. The data directory holds state that must
 * survive a restart (usage history, upstream cooldowns); the log directory the per-request debug files. Both follow
 * the XDG layout under the home directory ({@link UserHome}, so {@code $HOME} wins over {@code user.home}), and both
 * are created 0700 by whoever writes first.
 *
 * @param data {@code QWEN_GATEWAY_DATA_DIR}, default {@code ~/.local/share/qwen-gateway}
 * @param logs {@code QWEN_GATEWAY_LOG_DIR}, default {@code ~/.local/share/qwen-gateway/logs}
 */
@ConfigurationProperties("gateway.directories")
public record GatewayDirectories(Path data, Path logs) {

    public GatewayDirectories {
        data = UserHome.expand(data == null ? Path.of("~", ".local", "share", "qwen-gateway") : data);
        logs = UserHome.expand(logs == null ? data.resolve("logs") : logs);
    }
}
