package io.qwengateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class GatewayDirectoriesTest {

    @Test
    void defaultsFollowTheXdgLayoutUnderTheHome() {
        GatewayDirectories directories = new GatewayDirectories(null, null);

        assertThat(directories.data()).isEqualTo(UserHome.directory().resolve(".local/share/qwen-gateway"));
        assertThat(directories.logs()).isEqualTo(directories.data().resolve("logs"));
    }

    @Test
    void aTildeInAConfiguredDirectoryIsTheHome() {
        GatewayDirectories directories = new GatewayDirectories(Path.of("~/gw"), Path.of("/var/log/gw"));

        assertThat(directories.data()).isEqualTo(UserHome.directory().resolve("gw"));
        assertThat(directories.logs()).isEqualTo(Path.of("/var/log/gw"));
    }
}
