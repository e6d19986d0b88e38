package io.qwengateway.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;

/**
 * Reads {@code .env} in the working directory (dotenv-java: {@code NAME=value} lines, quotes, comments) as if its
 * variables were in the environment, just below the real one: a variable set in both keeps the environment's value.
 * Its names work as environment variables do, the short ones ({@code API_KEY}, {@code DEBUG_LOG}) and Spring's
 * relaxed forms ({@code GATEWAY_UPSTREAM_MAXSENDS}) alike. A {@code .env} that cannot be read stops the start.
 */
public class DotEnv implements EnvironmentPostProcessor, Ordered {

    /** The "-systemEnvironment" ending gives the source the environment's relaxed names in Spring Boot's binding. */
    static final String SOURCE = "dotenv-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    static final String FILE = ".env";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 2; // before the config files, whose ${...} it may fill
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        addTo(environment, Path.of("").toAbsolutePath());
    }

    /** Adds {@code directory/.env}, if there is one, below the environment variables of {@code environment}. */
    public static void addTo(ConfigurableEnvironment environment, Path directory) {
        Map<String, Object> variables = read(directory);
        if (variables.isEmpty()) {
            return;
        }
        MutablePropertySources sources = environment.getPropertySources();
        SystemEnvironmentPropertySource dotenv = new SystemEnvironmentPropertySource(SOURCE, variables);
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, dotenv);
        } else {
            sources.addLast(dotenv);
        }
    }

    static Map<String, Object> read(Path directory) {
        Dotenv dotenv;
        try {
            dotenv = Dotenv.configure().directory(directory.toString()).filename(FILE).ignoreIfMissing().load();
        } catch (DotenvException e) {
            throw new IllegalStateException("Cannot read " + directory.resolve(FILE) + ": " + e.getMessage(), e);
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
            variables.put(entry.getKey(), entry.getValue());
        }
        return variables;
    }
}
