package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.StandardEnvironment;

class ConfigBesideJarTest {

    private final ConfigBesideJar configBesideJar = new ConfigBesideJar(logFactory());

    @TempDir
    Path directory;

    @Test
    void importsApplicationYmlThenGatewayYmlFromTheDirectoryAsOptionalFiles() {
        assertThat(configBesideJar.imports(directory)).hasValue("optional:file:" + directory.resolve("application.yml")
                + ",optional:file:" + directory.resolve("gateway.yml"));
    }

    @Test
    void aDirectoryWithACommaCannotBeAnImportAndIsLeftOut() throws Exception {
        Path awkward = Files.createDirectories(directory.resolve("a,b"));

        assertThat(configBesideJar.imports(awkward)).isEmpty();
    }

    @Test
    void theDirectoryIsTheOneOfTheJarTheLauncherNamesNotTheOneOfItsExtractedCopy() throws Exception {
        Path jar = Files.createFile(directory.resolve("gateway.jar"));
        StandardEnvironment environment = new StandardEnvironment();
        String before = System.getProperty(LaunchOrigin.JAR_PROPERTY);
        System.setProperty(LaunchOrigin.JAR_PROPERTY, jar.toString());
        try {
            configBesideJar.postProcessEnvironment(environment, new SpringApplication(ConfigBesideJarTest.class));
        } finally {
            if (before == null) {
                System.clearProperty(LaunchOrigin.JAR_PROPERTY);
            } else {
                System.setProperty(LaunchOrigin.JAR_PROPERTY, before);
            }
        }

        assertThat(environment.getProperty(ConfigBesideJar.PROPERTY))
                .isEqualTo(configBesideJar.imports(directory).orElseThrow());
    }

    @Test
    void runningFromClassesNothingIsImported() {
        StandardEnvironment environment = new StandardEnvironment();

        configBesideJar.postProcessEnvironment(environment, new SpringApplication(ConfigBesideJarTest.class));

        assertThat(environment.getProperty(ConfigBesideJar.PROPERTY)).isNull();
    }

    private static DeferredLogFactory logFactory() {
        return destination -> LogFactory.getLog(ConfigBesideJar.class);
    }
}
