package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAccessWarningTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.20", "10.0.0.5"})
    @NullAndEmptySource
    void listeningBeyondThisMachineWithoutClientKeysIsWarnedAbout(String address) {
        assertThat(OpenAccessWarning.warning(address, false, "8080")).hasValueSatisfying(warning -> assertThat(warning)
                .contains("port 8080").contains("without client keys").contains("API_KEY")
                .contains("gateway.web.client-api-keys").contains("HOST=localhost"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "127.0.0.2", "::1"})
    void listeningOnLoopbackIsNotWarnedAbout(String address) {
        assertThat(OpenAccessWarning.warning(address, false, "8080")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.1.20"})
    void clientKeysMakeAnyAddressFine(String address) {
        assertThat(OpenAccessWarning.warning(address, true, "8080")).isEmpty();
    }
}
