package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.support.GatewayJar;

/**
 * The training start of the launcher's fast start, from the built jar as the launcher runs it: every request of a
 * round is answered as a client would expect (the chat, Responses, Messages and embeddings calls through the stand-in
 * upstream; the mistakes with their 4xx), and the process exits 0 on its own, even with the "stop once started"
 * setting the launcher passes for older jars.
 */
class TrainingRunIT {

    @TempDir
    Path work;

    @Test
    void aTrainingStartServesEveryRequestOfItsRoundsAndExits() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dqwen.gateway.training=2",
                "-Dspring.context.exit=onRefresh", "-jar", GatewayJar.builtJar().toString());
        Path home = Files.createDirectories(work.resolve("home"));
        try (GatewayJar training = GatewayJar.startCommand(command, work, Map.of("HOST", "127.0.0.1", "PORT", "0",
                "QWEN_HOME", home.toString(), "QWEN_API_KEY", "training",
                "QWEN_API_KEY_BASE_URL", "http://127.0.0.1:9/v1"))) {
            int exitCode = training.awaitExit();

            assertThat(exitCode).as(training.output()).isZero();
            assertThat(training.output()).contains("Training: 2 rounds in ")
                    .contains("answers by status {200=26, 400=4, 404=2}");
        }
    }
}
