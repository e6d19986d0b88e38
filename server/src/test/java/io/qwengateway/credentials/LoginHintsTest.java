package io.qwengateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.qwengateway.startup.LaunchOrigin;

class LoginHintsTest {

    private static final Path WORK = Path.of("/home/al/qwen-gateway");

    @Test
    void aGatewayStartedByTheLauncherNamesTheLauncherAsTyped() {
        LaunchOrigin origin = new LaunchOrigin(Optional.of(WORK.resolve("server/target/gateway.jar")),
                Optional.of(WORK.resolve("bin/qwen-gateway")));

        assertThat(LoginHints.command(origin, WORK)).isEqualTo("bin/qwen-gateway");
        assertThat(LoginHints.command(origin, Path.of("/tmp"))).isEqualTo("/home/al/qwen-gateway/bin/qwen-gateway");
    }

    @Test
    void aGatewayStartedFromItsJarNamesTheOriginalJar() {
        LaunchOrigin origin = new LaunchOrigin(Optional.of(WORK.resolve("server/target/gateway.jar")),
                Optional.empty());

        assertThat(LoginHints.command(origin, WORK)).isEqualTo("java -jar server/target/gateway.jar");
        assertThat(LoginHints.command(origin, Path.of("/tmp")))
                .isEqualTo("java -jar /home/al/qwen-gateway/server/target/gateway.jar");
    }

    @Test
    void withoutAJarTheCommandNamesTheJarByItsUsualName() {
        assertThat(LoginHints.command(new LaunchOrigin(Optional.empty(), Optional.empty()), WORK))
                .isEqualTo("java -jar qwen-gateway-server.jar");
    }
}
