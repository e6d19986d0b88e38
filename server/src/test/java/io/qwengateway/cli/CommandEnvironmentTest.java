package io.qwengateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.config.UserHome;
import io.qwengateway.credentials.QwenOAuthProperties;

/** The configuration of the commands that start no server: the server's sources, bound the server's way. */
class CommandEnvironmentTest {

    @TempDir
    Path directory;

    @Test
    void theDefaultsOfApplicationYmlApplyWithTheHomeFromHome() {
        QwenOAuthProperties properties = CommandEnvironment.load(List.of()).bind("gateway.qwen-oauth",
                QwenOAuthProperties.class);

        assertThat(properties.refreshAhead()).isEqualTo(Duration.ofSeconds(30));
        if (System.getenv("QWEN_HOME") == null) {
            assertThat(properties.home()).isEqualTo(UserHome.directory().resolve(".qwen"));
        }
    }

    @Test
    void aCommandLinePropertyWinsAndItsTildeIsTheHome() {
        QwenOAuthProperties properties = CommandEnvironment.load(List.of("--gateway.qwen-oauth.home=~/elsewhere"))
                .bind("gateway.qwen-oauth", QwenOAuthProperties.class);

        assertThat(properties.home()).isEqualTo(UserHome.directory().resolve("elsewhere"));
    }

    @Test
    void anExtraConfigFileIsRead() throws Exception {
        Path config = Files.writeString(directory.resolve("extra.yml"), """
                gateway:
                  qwen-oauth:
                    home: /srv/qwen
                    refresh-ahead: 2m
                """);

        QwenOAuthProperties properties = CommandEnvironment
                .load(List.of("--spring.config.additional-location=" + config))
                .bind("gateway.qwen-oauth", QwenOAuthProperties.class);

        assertThat(properties.home()).isEqualTo(Path.of("/srv/qwen"));
        assertThat(properties.refreshAhead()).isEqualTo(Duration.ofMinutes(2));
    }
}
