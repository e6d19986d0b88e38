package io.qwengateway;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.qwengateway.cli.GatewayCommand;
import io.qwengateway.cli.SpringArguments;
import io.qwengateway.startup.training.TrainingRun;

/** The Qwen Gateway: an OpenAI-compatible server in front of Qwen. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /**
     * {@code serve} (also without a command) starts the server; {@code auth}, {@code auth list}, {@code help},
     * {@code --help} and {@code --version} do their job and exit. Usage errors exit with 2.
     */
    public static void main(String[] args) {
        if (TrainingRun.requested()) {
            TrainingRun.run(GatewayApplication.class, args);
            return;
        }
        if (Arrays.stream(args).allMatch(SpringArguments::isSpringProperty)) {
            // The common start, with nothing but Spring properties: straight to the server. It is what the command
            // line would decide too, without loading it first (about 0.2 s of class loading).
            SpringApplication.run(GatewayApplication.class, args);
            return;
        }
        GatewayCommand root = new GatewayCommand();
        int exitCode = GatewayCommandLine.create(root, System.out, System.err).execute(args);
        Optional<List<String>> serve = root.serveArguments();
        if (serve.isEmpty()) {
            System.exit(exitCode);
        }
        SpringApplication.run(GatewayApplication.class, serve.get().toArray(String[]::new));
    }
}
