package io.qwengateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class UserHomeTest {

    private static final Path HOME = Path.of("/home/from-env");

    @Test
    void theHomeVariableWinsOverTheJvmsUserHomeAsInNode() {
        assertThat(UserHome.directory("/home/from-env", "/root")).isEqualTo(HOME);
    }

    @Test
    void anUnsetOrEmptyHomeVariableFallsBackToUserHome() {
        assertThat(UserHome.directory(null, "/root")).isEqualTo(Path.of("/root"));
        assertThat(UserHome.directory("", "/root")).isEqualTo(Path.of("/root"));
        assertThat(UserHome.directory("  ", "/root")).isEqualTo(Path.of("/root"));
    }

    @Test
    void aLeadingTildeIsTheHome() {
        assertThat(UserHome.expand(Path.of("~"), HOME)).isEqualTo(HOME);
        assertThat(UserHome.expand(Path.of("~/.qwen"), HOME)).isEqualTo(HOME.resolve(".qwen"));
        assertThat(UserHome.expand(Path.of("~/a/b"), HOME)).isEqualTo(HOME.resolve("a/b"));
    }

    @Test
    void otherPathsStayAsTheyAre() {
        assertThat(UserHome.expand(Path.of("/srv/qwen"), HOME)).isEqualTo(Path.of("/srv/qwen"));
        assertThat(UserHome.expand(Path.of("relative/~"), HOME)).isEqualTo(Path.of("relative/~"));
        assertThat(UserHome.expand(Path.of("~other/x"), HOME)).isEqualTo(Path.of("~other/x"));
        assertThat(UserHome.expand(null, HOME)).isNull();
    }
}
