package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewaySettingsTest {

    @TempDir
    Path directory;

    @Test
    void theEnvironmentFileNamesTheCredentialsAndTheSimulatorAsOAuthServer() throws Exception {
        Path file = new GatewaySettings(directory, "http://127.0.0.1:18090").writeEnvironmentFile();

        assertEquals(directory.resolve("gateway.env"), file);
        assertEquals(java.util.List.of("QWEN_HOME=" + directory, "QWEN_OAUTH_BASE_URL=http://127.0.0.1:18090"),
                Files.readAllLines(file).stream().filter(line -> !line.startsWith("#")).toList());
    }

    @Test
    void theShellPrefixQuotesOnlyWhatTheShellWouldSplit() {
        assertEquals("QWEN_HOME=/tmp/qwen-sim QWEN_OAUTH_BASE_URL=http://127.0.0.1:18090",
                new GatewaySettings(Path.of("/tmp/qwen-sim"), "http://127.0.0.1:18090").shellPrefix());
        assertEquals("QWEN_HOME='/tmp/my sim/it'\\''s' QWEN_OAUTH_BASE_URL='http://[::1]:18090'",
                new GatewaySettings(Path.of("/tmp/my sim/it's"), "http://[::1]:18090").shellPrefix());
    }
}
