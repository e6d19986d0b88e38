package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorCommandLineTest {

    @Test
    void noArgumentsListenOnLoopbackPort18080WithDefaults() {
        SimulatorCommandLine commandLine = SimulatorCommandLine.parse();

        assertEquals("127.0.0.1", commandLine.options().host());
        assertEquals(18080, commandLine.options().port());
        assertFalse(commandLine.options().acceptAnyBearer());
        assertTrue(commandLine.credentialsDirectory().isEmpty());
    }

    @Test
    void everyOptionIsApplied() {
        SimulatorCommandLine commandLine = SimulatorCommandLine.parse("--port", "0", "--host", "localhost",
                "--write-credentials", "/tmp/qwen", "--accept-any-bearer", "--chunks", "20",
                "--chunk-delay-ms", "5", "--header-delay-ms", "7", "--api-key", "k1", "--api-key", "k2");

        SimulatorOptions options = commandLine.options();
        assertEquals(0, options.port());
        assertEquals("localhost", options.host());
        assertEquals(Path.of("/tmp/qwen"), commandLine.credentialsDirectory().orElseThrow());
        assertTrue(options.acceptAnyBearer());
        assertEquals(new ResponseShape(20, Duration.ofMillis(5), Duration.ofMillis(7)), options.responseShape());
        assertEquals(Set.of("k1", "k2"), options.apiKeys());
    }

    @Test
    void wrongArgumentsAreExplained() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SimulatorCommandLine.parse("--verbose"));
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> SimulatorCommandLine.parse("--port", "http"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> SimulatorCommandLine.parse("--chunks"));

        assertTrue(unknown.getMessage().contains("--verbose"));
        assertTrue(notANumber.getMessage().contains("--port"));
        assertTrue(missing.getMessage().contains("--chunks"));
    }
}
