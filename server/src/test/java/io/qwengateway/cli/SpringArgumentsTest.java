package io.qwengateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpringArgumentsTest {

    @ParameterizedTest
    @ValueSource(strings = {"--server.port=9000", "--a=", "--gateway.web.client-api-keys=k1,k2", "--x=a=b", "--debug",
            "--trace"})
    void springTakesTheseAsProperties(String argument) {
        assertThat(SpringArguments.isSpringProperty(argument)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"serve", "auth", "--help", "-h", "--version", "--=x", "-Dx=y", "--server.port", "-x=y", ""})
    void theseAreCommandsOptionsOrMistakes(String argument) {
        assertThat(SpringArguments.isSpringProperty(argument)).isFalse();
    }
}
