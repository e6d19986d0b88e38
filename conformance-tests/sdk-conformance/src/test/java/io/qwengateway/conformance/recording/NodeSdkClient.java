package io.qwengateway.conformance.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qwengateway.conformance.scenarios.Scenario;

/**
 * The {@code openai} npm package, run by Node on {@code src/test/node/scenarios.mjs}, one process per scenario. Its
 * exact version is pinned in {@code package.json} and {@code package-lock.json}; {@code npm ci} installs it on first use.
 */
final class NodeOpenAiClient implements ScenarioClient {

    private final NodePackage npm;
    private String version;

    NodeOpenAiClient(Path directory) {
        this.npm = new NodePackage(directory, "openai");
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
        return Scenario.of(Scenario.Group.CHAT, Scenario.Group.RESPONSES);
    }

    @Override
    public void run(Scenario scenario, String baseUrl, String apiKey) {
        System.out.print(node(List.of("scenarios.mjs", scenario.id(), baseUrl, apiKey)));
    }

    /** {@code npm ci} when the package is not installed yet: the lock file says exactly what. */
    void install() {
        npm.install();
    }

    private String node(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(arguments);
        return npm.run(command, Map.of(), Duration.ofMinutes(2));
    }
}
