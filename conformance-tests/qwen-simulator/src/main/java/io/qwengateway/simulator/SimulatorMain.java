package io.qwengateway.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line until Ctrl-C, so anyone can try the gateway or a benchmark against
 * it. See {@link SimulatorCommandLine#USAGE} for the options.
 */
public final class SimulatorMain {

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
            Path file = simulator.oauth().issueCredentials()
                    .writeOauthCredsFile(commandLine.credentialsDirectory().get());
            out.println("  credentials written to " + file.toAbsolutePath()
                    + " (start the gateway with QWEN_HOME=" + file.getParent().toAbsolutePath() + ")");
        }
        out.println("Press Ctrl-C to stop.");
        stopped.await();
    }
}
