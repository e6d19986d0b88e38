package io.qwengateway.cli;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import io.qwengateway.config.DotEnv;

/**
 * The gateway's configuration for a command that needs a few settings and no server ({@code auth list}): the
 * command line's {@code --name=value}, system properties, environment variables, {@code .env} and the config files
 * ({@code application.yml} in the jar, the working directory, {@code spring.config.*} locations, profiles), in
 * Spring Boot's order, bound as the server binds them.
 *
 * <p>It uses Spring Boot's own config-data loading without an application context: a context (even an empty one,
 * without a web server) made {@code auth list} take seconds, this takes a fraction of one.
 */
public final class CommandEnvironment {

    private final ConfigurableEnvironment environment;

    private CommandEnvironment(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    /** @param springArguments the command's Spring properties ({@link SpringArguments#of}) */
    public static CommandEnvironment load(List<String> springArguments) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources()
                .addFirst(new SimpleCommandLinePropertySource(springArguments.toArray(String[]::new)));
        DotEnv.addTo(environment, Path.of("").toAbsolutePath());
        ConfigDataEnvironmentPostProcessor.applyTo(environment);
        return new CommandEnvironment(environment);
    }

    /** The {@code @ConfigurationProperties} record under {@code prefix}, with its defaults from application.yml. */
    public <T> T bind(String prefix, Class<T> type) {
        return Binder.get(environment).bindOrCreate(prefix, type);
    }
}
