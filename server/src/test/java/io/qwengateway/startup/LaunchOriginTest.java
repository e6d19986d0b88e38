package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchOriginTest {

    @TempDir
    Path directory;

    @Test
    void theJarTheLauncherNamesWinsOverItsExtractedCopyTheClassesComeFrom() throws Exception {
        Path jar = Files.createFile(directory.resolve("gateway.jar"));
        Path launcher = Files.createFile(directory.resolve("qwen-gateway"));
        Path copy = extractedCopy();

        LaunchOrigin origin = LaunchOrigin.of(jar.toString(), launcher.toString(), copy.toFile());

        assertThat(origin.jar()).hasValue(jar);
        assertThat(origin.jarDirectory()).hasValue(directory);
        assertThat(origin.launcher()).hasValue(launcher);
    }

    @Test
    void withoutTheLaunchersPropertiesTheJarIsTheOneTheClassesComeFrom() throws Exception {
        Path jar = Files.createFile(directory.resolve("gateway.jar"));

        LaunchOrigin origin = LaunchOrigin.of(null, null, jar.toFile());

        assertThat(origin.jar()).hasValue(jar);
        assertThat(origin.launcher()).isEmpty();
    }

    @Test
    void aNamedJarOrLauncherThatIsNoFileIsIgnored() throws Exception {
        Path copy = extractedCopy();

        LaunchOrigin origin = LaunchOrigin.of(directory.resolve("gone.jar").toString(), " ", copy.toFile());

        assertThat(origin.jar()).hasValue(copy);
        assertThat(origin.launcher()).isEmpty();
    }

    @Test
    void runningFromClassesOrAnUnknownSourceThereIsNoJar() throws Exception {
        Path classes = Files.createDirectories(directory.resolve("classes"));

        assertThat(LaunchOrigin.of(null, null, classes.toFile()).jar()).isEmpty();
        assertThat(LaunchOrigin.of("", null, null).jarDirectory()).isEmpty();
    }

    private Path extractedCopy() throws Exception {
        Path app = Files.createDirectories(directory.resolve("gateway.jar.cache/1-2/app"));
        return Files.createFile(app.resolve("gateway.jar"));
    }
}
