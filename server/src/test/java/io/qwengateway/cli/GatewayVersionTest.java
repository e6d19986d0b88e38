package io.qwengateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayVersionTest {

    @Test
    void runningFromClassesWithoutTheJarsManifestTheVersionComesFromTheBuildInfo() {
        // The tests run from target/classes, as the container image runs from /app/classes: no jar manifest.
        assertThat(GatewayVersion.class.getPackage().getImplementationVersion()).isNull();
        assertThat(GatewayVersion.current()).isNotEqualTo("dev").matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
