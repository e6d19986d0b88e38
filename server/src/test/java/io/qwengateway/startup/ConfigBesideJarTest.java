package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.DeferredLogFactory;

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
    void theDirectoryIsTheOneOfTheJarTheApplicationRunsFrom() throws Exception {
        Path jar = Files.createFile(directory.resolve("gateway.jar"));

        assertThat(ConfigBesideJar.jarDirectory(jar.toFile())).hasValue(directory);
    }

    @Test
    void runningFromClassesOrAnUnknownSourceThereIsNoJarDirectory() throws Exception {
        Path classes = Files.createDirectories(directory.resolve("classes"));

        assertThat(ConfigBesideJar.jarDirectory(classes.toFile())).isEmpty();
        assertThat(ConfigBesideJar.jarDirectory(null)).isEmpty();
    }

    private static DeferredLogFactory logFactory() {
        return destination -> LogFactory.getLog(ConfigBesideJar.class);
    }
}
