package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;

/** docs/gateway.example.yml: with every setting uncommented it is YAML and names only settings that exist. */
class ExampleConfigurationTest {

    private static final Path EXAMPLE = Path.of("..", "docs", "gateway.example.yml");

    /** Spring Boot's own settings the example shows, and the maps whose keys are the user's to choose. */
    private static final List<String> OTHER_SETTINGS = List.of("server.forward-headers-strategy",
            "logging.file.name", "logging.level.", "gateway.models.aliases.");

    @Test
    void everySettingOfTheExampleIsOneTheGatewayHas() throws IOException {
        Set<String> bundled = keys(new ClassPathResource("application.yml"));
        String uncommented = Files.readAllLines(EXAMPLE).stream()
                .map(line -> line.matches("#[a-z].*") ? line.substring(1) : line)
                .collect(Collectors.joining("\n"));

        Set<String> example = keys(new ByteArrayResource(uncommented.getBytes()));

        assertThat(example).hasSizeGreaterThan(20).allSatisfy(key -> assertThat(bundled.contains(key)
                || OTHER_SETTINGS.stream().anyMatch(key::startsWith)).as(key).isTrue());
    }

    private static Set<String> keys(Resource yaml) throws IOException {
        return new YamlPropertySourceLoader().load("yaml", yaml).stream()
                .flatMap(source -> Set.of(((EnumerablePropertySource<?>) source).getPropertyNames()).stream())
                .map(key -> key.replaceAll("\\[\\d+]$", ""))
                .collect(Collectors.toSet());
    }
}
