package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** {@code API_KEY} through the bundled application.yml into {@code gateway.web.client-api-keys}. */
class ClientApiKeysConfigurationTest {

    @ParameterizedTest(name = "API_KEY=''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                   | ""
            "   "                | ""
            key-1                | key-1
            " key-1 "            | key-1
            "key-1, key-2"       | key-1;key-2
            " key-1 ,, key-2 , " | key-1;key-2
            """)
    void apiKeyIsOneKeyOrSeveralSeparatedByCommasTrimmedAndNeverBlank(String apiKey, String expected)
            throws IOException {
        assertThat(clientKeysWith(apiKey)).containsExactlyElementsOf(
                expected == null || expected.isEmpty() ? List.of() : List.of(expected.split(";")));
    }

    private static List<String> clientKeysWith(String apiKey) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("environment variables",
                Map.of("API_KEY", apiKey == null ? "" : apiKey)));
        for (PropertySource<?> document : new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"))) {
            environment.getPropertySources().addLast(document);
        }
        return Binder.get(environment).bindOrCreate("gateway.web", WebProperties.class).clientApiKeys();
    }
}
