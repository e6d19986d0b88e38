package io.qwengateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.qwengateway.auth.cli.AuthCommand;

/** The Qwen Gateway: an OpenAI-compatible server in front of Qwen. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** {@code auth [--account NAME]} and {@code auth list} run the terminal login without starting the server. */
    public static void main(String[] args) {
        if (AuthCommand.isAuthCommand(args)) {
            System.exit(AuthCommand.run(args, System.out));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
