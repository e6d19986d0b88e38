package io.qwengateway.conformance.recording;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.qwengateway.conformance.scenarios.Scenario;

/**
 * An SDK from npm, run by Node on a driver script ({@code scenarios.mjs} in its folder), one process per scenario:
 * the {@code openai} package in {@code src/test/node}, {@code @anthropic-ai/sdk} in {@code src/test/anthropic-node}.
 * Exact versions are pinned in each folder's {@code package.json} and {@code package-lock.json}; {@code npm ci}
 * installs them on first use.
 */
final class NodeSdkClient implements ScenarioClient {

    private final String name;
    private final NodePackage npm;
    private final Set<Scenario> scenarios;
    private final UnaryOperator<String> baseUrl;
    private String version;

    private NodeSdkClient(String name, NodePackage npm, Set<Scenario> scenarios, UnaryOperator<String> baseUrl) {
        this.name = name;
        this.npm = npm;
        this.scenarios = scenarios;
        this.baseUrl = baseUrl;
    }

    /** The {@code openai} npm package: Chat Completions and Responses, base URL ending in {@code /v1}. */
    static NodeSdkClient openAi(Path directory) {
        return new NodeSdkClient("openai-node", new NodePackage(directory, "openai"),
                Scenario.of(Scenario.Group.CHAT, Scenario.Group.RESPONSES), UnaryOperator.identity());
    }

    /** {@code @anthropic-ai/sdk}: the Messages API, base URL the server's root. */
    static NodeSdkClient anthropic(Path directory) {
        return new NodeSdkClient("anthropic-node", new NodePackage(directory, "@anthropic-ai/sdk"),
                Scenario.of(Scenario.Group.MESSAGES), AnthropicApi::root);
    }

    @Override
    public String name() {
        return name;
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
        return scenarios;
    }

    @Override
    public void run(Scenario scenario, String baseUrl, String apiKey) {
        System.out.print(node(List.of("scenarios.mjs", scenario.id(), this.baseUrl.apply(baseUrl), apiKey)));
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
