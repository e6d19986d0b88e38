package io.qwengateway.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the jar's own directory a configuration location: {@code application.yml} and then {@code gateway.yml}
 * beside the jar are read whatever the working directory (Spring itself reads only the working directory's). The jar
 * is the one the user started ({@link LaunchOrigin}), also when the launcher runs its extracted copy.
 *
 * <p>The bundled {@code application.yml} imports {@value #PROPERTY}; this post-processor, which runs before Spring
 * loads any configuration file, fills it in when the application runs from a jar. An import sits just above the file
 * that imports it, so the precedence is: command line, environment variables, the working directory's files, the files
 * beside the jar (gateway.yml over application.yml), the bundled defaults.
 */
public class ConfigBesideJar implements EnvironmentPostProcessor, Ordered {

    /** The {@code spring.config.import} value of the bundled application.yml; empty when not run from a jar. */
    static final String PROPERTY = "gateway.config-beside-jar";

    static final List<String> FILE_NAMES = List.of("application.yml", "gateway.yml");

    private final Log log;

    public ConfigBesideJar(DeferredLogFactory logs) {
        this.log = logs.getLog(ConfigBesideJar.class);
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        LaunchOrigin.current().jarDirectory().flatMap(this::imports).ifPresent(imports ->
                environment.getPropertySources().addLast(new MapPropertySource("configBesideJar",
                        Map.of(PROPERTY, imports))));
    }

    /** {@code optional:file:<dir>/application.yml,optional:file:<dir>/gateway.yml}: later imports win. */
    Optional<String> imports(Path directory) {
        if (directory.toString().contains(",")) {
            // spring.config.import is a comma-separated list; such a path cannot be one of its entries.
            log.warn("Settings beside the jar are not read: its directory " + directory + " contains a comma");
            return Optional.empty();
        }
        List<Path> files = FILE_NAMES.stream().map(directory::resolve).toList();
        files.stream().filter(Files::isRegularFile).forEach(file -> log.info("Reading settings beside the jar: " + file));
        return Optional.of(String.join(",", files.stream().map(file -> "optional:file:" + file).toList()));
    }
}
