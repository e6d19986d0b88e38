package io.qwengateway.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Runs the simulator from the command line until Ctrl-C, so anyone can try the gateway or a benchmark against
 * it. See {@link SimulatorCommandLine#USAGE} for the options.
 */
public final class SimulatorMain {

    private static final String SOME_GATEWAY_JAR = "<the qwen-gateway-server jar>";

    private SimulatorMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        SimulatorCommandLine commandLine;
        try {
            commandLine = SimulatorCommandLine.parse(args);
        } catch (IllegalArgumentException wrongArgument) {
            System.err.println(wrongArgument.getMessage());
            System.err.println(SimulatorCommandLine.USAGE);
            System.exit(2);
            return;
        }
        if (commandLine.helpRequested()) {
            System.out.println(SimulatorCommandLine.USAGE);
            return;
        }

        QwenSimulator simulator = QwenSimulator.start(commandLine.options());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "qwen-simulator-shutdown"));

        PrintStream out = System.out;
        out.println("Qwen simulator listening on " + simulator.baseUrl());
        out.println("  model API (OpenAI-compatible): " + simulator.baseUrl() + "/v1");
        out.println("  OAuth device login:            " + simulator.baseUrl() + "/api/v1/oauth2/device/code");
        out.println("  admin API:                     " + simulator.baseUrl() + "/__sim/stats");
        if (commandLine.options().acceptAnyBearer()) {
            out.println("  any bearer token is accepted");
        }
        if (commandLine.credentialsDirectory().isPresent()) {
            Path directory = commandLine.credentialsDirectory().get();
            Path file = simulator.oauth().issueCredentials().writeOauthCredsFile(directory);
            GatewaySettings gateway = new GatewaySettings(directory, simulator.baseUrl());
            Path environment = gateway.writeEnvironmentFile();
            out.println("  credentials written to " + file.toAbsolutePath() + ", gateway settings to " + environment);
            out.println("Start the gateway on this simulator with:");
            out.println("  " + gateway.shellPrefix() + " java -jar " + gatewayJar());
        }
        out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    /** The gateway jar's path when run from the repository root, where the README's commands run. */
    private static String gatewayJar() {
        try (Stream<Path> built = Files.list(Path.of("server", "target"))) {
            return built.filter(file -> file.getFileName().toString().matches("qwen-gateway-server-.*\\.jar"))
                    .map(Path::toString).findFirst().orElse(SOME_GATEWAY_JAR);
        } catch (IOException notBuiltHere) {
            return SOME_GATEWAY_JAR;
        }
    }
}
