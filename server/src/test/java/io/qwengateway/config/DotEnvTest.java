package io.qwengateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DotEnvTest {

    @TempDir
    Path directory;

    /** An environment whose variables are {@code variables}, not the test JVM's. */
    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        return environment;
    }

    @Test
    void dotEnvVariablesWorkAsEnvironmentVariablesAndTheEnvironmentWins() throws IOException {
        Files.writeString(directory.resolve(".env"), """
                # settings for this machine
                DEBUG_LOG=true
                API_KEY="key-from-dotenv"
                GATEWAY_UPSTREAM_MAXSENDS=5
                """);
        StandardEnvironment environment = environment(Map.of("API_KEY", "key-from-environment"));

        DotEnv.addTo(environment, directory);

        assertThat(environment.getProperty("DEBUG_LOG")).isEqualTo("true");
        assertThat(environment.getProperty("API_KEY")).isEqualTo("key-from-environment");
        assertThat(Binder.get(environment).bind("gateway.upstream.max-sends", Integer.class).get()).isEqualTo(5);
    }

    @Test
    void noDotEnvChangesNothing() {
        StandardEnvironment environment = environment(Map.of());
        int sources = environment.getPropertySources().size();
        DotEnv.addTo(environment, directory);
        assertThat(environment.getPropertySources().size()).isEqualTo(sources);
    }

    @Test
    void aDotEnvThatCannotBeReadStopsTheStartNamingIt() throws IOException {
        Files.writeString(directory.resolve(".env"), "API_KEY=one\nthis line has no equals sign\n");
        assertThatThrownBy(() -> DotEnv.addTo(environment(Map.of()), directory))
                .hasMessageContaining(directory.resolve(".env").toString());
    }
}
