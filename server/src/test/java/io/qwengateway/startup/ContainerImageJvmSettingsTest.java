package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The container image (Jib's {@code jvmFlags} in server/pom.xml) starts the JVM with the settings of
 * {@code bin/qwen-gateway}: the two are written down twice, and only a check keeps them alike when one changes.
 */
class ContainerImageJvmSettingsTest {

    private static final Path LAUNCHER = Path.of("..", "bin", "qwen-gateway");
    private static final Path POM = Path.of("pom.xml");

    @Test
    void theImageStartsTheJvmWithTheLaunchersSettings() throws IOException {
        assertThat(imageFlags()).isNotEmpty().containsExactlyElementsOf(launcherDefaults());
    }

    private static List<String> launcherDefaults() throws IOException {
        Matcher defaults = Pattern.compile("(?m)^defaults=\"([^\"]*)\"$").matcher(Files.readString(LAUNCHER));
        assertThat(defaults.find()).as("a defaults=\"...\" line in %s", LAUNCHER).isTrue();
        return Arrays.asList(defaults.group(1).trim().split("\\s+"));
    }

    private static List<String> imageFlags() throws IOException {
        Matcher flags = Pattern.compile("(?s)<jvmFlags>(.*?)</jvmFlags>").matcher(Files.readString(POM));
        assertThat(flags.find()).as("Jib's <jvmFlags> in %s", POM).isTrue();
        return Pattern.compile("<jvmFlag>([^<]*)</jvmFlag>").matcher(flags.group(1)).results()
                .map(flag -> flag.group(1).trim()).toList();
    }
}
