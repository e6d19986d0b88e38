package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.qwengateway.support.GatewayJar;

/**
 * {@code bin/qwen-gateway}, the README's run command: the built jar with the gateway's JVM settings, which
 * {@code QWEN_GATEWAY_JVM_OPTS} replaces and {@code JAVA_OPTS} extends; the arguments go to the gateway.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "bin", "qwen-gateway").toAbsolutePath().normalize();

    @Test
    void theLauncherRunsTheBuiltJarWithTheGatewaysJvmSettings() throws Exception {
        String output = run(Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");

        assertThat(output).contains("Qwen Gateway " + System.getProperty("gateway.version"));
        assertThat(output).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=402653184", "-XX:InitialHeapSize=16777216",
                "-XX:MaxHeapFreeRatio=40", "-XX:MinHeapFreeRatio=20");
    }

    @Test
    void settingsOfItsOwnReplaceTheLaunchersJvmSettings() throws Exception {
        String output = run(Map.of("QWEN_GATEWAY_JVM_OPTS", "-XX:+UseG1GC -Xmx64m",
                "JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--version");

        assertThat(output).contains("-XX:+UseG1GC", "-XX:MaxHeapSize=67108864").doesNotContain("UseSerialGC");
        assertThat(output).contains("Qwen Gateway " + System.getProperty("gateway.version"));
    }

    /** The launcher with the JDK of this test and the jar that package built; its output, once it has exited 0. */
    private static String run(Map<String, String> environment, String... args) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString()).redirectErrorStream(true);
        builder.command().addAll(List.of(args));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("QWEN_GATEWAY_JVM_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("QWEN_GATEWAY_JAR", GatewayJar.builtJar().toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
