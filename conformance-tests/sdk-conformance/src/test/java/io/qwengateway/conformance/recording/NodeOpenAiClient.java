package io.qwengateway.conformance.recording;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.qwengateway.conformance.scenarios.Scenario;

/**
 * The {@code openai} npm package, run by Node on {@code src/test/node/scenarios.mjs}, one process per scenario. Its
 * exact version is pinned in {@code package.json} and {@code package-lock.json}; {@code npm ci} installs it on first use.
 */
final class NodeOpenAiClient implements ScenarioClient {

    private final Path directory;
    private String version;

    NodeOpenAiClient(Path directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "openai-node";
    }

    @Override
    public String version() {
        if (version == null) {
            version = node(List.of("scenarios.mjs", "version")).strip();
        }
        return version;
    }

    @Override
    public String runtime() {
        return "node " + node(List.of("--version")).strip();
    }

    @Override
    public Set<Scenario> scenarios() {
        return EnumSet.allOf(Scenario.class);
    }

    @Override
    public void run(Scenario scenario, String baseUrl, String apiKey) {
        System.out.print(node(List.of("scenarios.mjs", scenario.id(), baseUrl, apiKey)));
    }

    /** {@code npm ci} when the package is not installed yet: the lock file says exactly what. */
    void install() {
        if (!Files.isDirectory(directory.resolve("node_modules").resolve("openai"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
    }

    private String node(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(arguments);
        return run(command);
    }

    private String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + " (are Node 20+ and npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
