package io.qwengateway.conformance.recording;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.qwengateway.conformance.harness.ConformanceEnvironment;
import io.qwengateway.conformance.scenarios.Scenario;

/**
 * Refreshes {@code src/test/resources/recordings}: runs each real client through its scenarios against the real
 * gateway (backed by the simulator) behind a {@link CaptureProxy}, and writes what each client sent as fixtures.
 * Not part of the build; see docs/conformance.md for the command. Exits non-zero if any scenario went wrong.
 *
 * <p>System properties: {@code recordings.dir} (where to write), {@code node.dir} and {@code anthropic-node.dir}
 * (the Node drivers), {@code codex.dir} and {@code claude-code.dir} (the pinned CLIs), {@code gateway.jar},
 * {@code openai-java.version}, {@code langchain4j.version}, {@code anthropic-java.version}; optional
 * {@code record.clients}, a comma-separated subset of
 * {@code openai-java,openai-node,langchain4j,codex-cli,anthropic-java,anthropic-node,claude-code}, and
 * {@code record.scenarios}, a comma-separated list of scenario ids.
 */
public final class TrafficRecorder {

    private TrafficRecorder() {
    }

    public static void main(String[] args) {
        Path recordings = Path.of(System.getProperty("recordings.dir", "src/test/resources/recordings"));
        NodeSdkClient node = NodeSdkClient.openAi(Path.of(System.getProperty("node.dir", "src/test/node")));
        NodeSdkClient anthropicNode = NodeSdkClient.anthropic(Path.of(System.getProperty("anthropic-node.dir",
                "src/test/anthropic-node")));
        CodexCliClient codex = new CodexCliClient(Path.of(System.getProperty("codex.dir", "src/test/codex")));
        ClaudeCodeClient claudeCode = new ClaudeCodeClient(Path.of(System.getProperty("claude-code.dir",
                "src/test/claude-code")));
        List<ScenarioClient> clients = selected(List.of(new OpenAiJavaClient(), node, new LangChain4jClient(),
                codex, new AnthropicJavaClient(), anthropicNode, claudeCode));
        for (NodeSdkClient npmClient : List.of(node, anthropicNode)) {
            if (clients.contains(npmClient)) {
                npmClient.install();
            }
        }
        if (clients.contains(codex)) {
            codex.install();
        }
        if (clients.contains(claudeCode)) {
            claudeCode.install();
        }
        ConformanceEnvironment environment = ConformanceEnvironment.get();
        List<String> failures = new ArrayList<>();
        try (CaptureProxy proxy = CaptureProxy.start(environment.gatewayUrl())) {
            for (ScenarioClient client : clients) {
                for (Scenario scenario : selected(client.scenarios())) {
                    record(client, scenario, environment, proxy, recordings).ifPresent(failures::add);
                }
            }
        } catch (RuntimeException e) {
            failures.add(e.toString());
        }
        failures.forEach(failure -> System.err.println("FAILED " + failure));
        System.out.println(failures.isEmpty() ? "Recordings written to " + recordings.toAbsolutePath()
                : failures.size() + " scenario(s) failed");
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    /** Records one scenario of one client; empty when it went as the scenario says, else what went wrong. */
    private static Optional<String> record(ScenarioClient client, Scenario scenario,
                                           ConformanceEnvironment environment, CaptureProxy proxy, Path recordings) {
        String label = client.name() + "/" + scenario.id();
        System.out.println("recording " + label);
        environment.freshLogin();
        scenario.prepare(environment.simulator());
        proxy.takeCalls();
        try {
            client.run(scenario, proxy.baseUrl() + "/v1", ConformanceEnvironment.CLIENT_KEY);
            List<RecordedCall> calls = proxy.takeCalls();
            if (calls.size() != scenario.expectations().size()) {
                return Optional.of(label + ": " + calls.size() + " requests, the scenario expects "
                        + scenario.expectations().size() + " (" + calls + ")");
            }
            new Recording(client.name(), client.version(), client.runtime(), scenario.id(), calls)
                    .write(recordings);
            return Optional.empty();
        } catch (Exception | AssertionError e) {
            return Optional.of(label + ": " + e);
        }
    }

    /** The scenarios named by {@code record.scenarios} (comma-separated ids), or all when it is empty. */
    private static List<Scenario> selected(Set<Scenario> all) {
        String wanted = System.getProperty("record.scenarios", "");
        if (wanted.isBlank()) {
            return List.copyOf(all);
        }
        List<String> ids = List.of(wanted.split(","));
        return all.stream().filter(scenario -> ids.contains(scenario.id())).toList();
    }

    private static List<ScenarioClient> selected(List<ScenarioClient> all) {
        String wanted = System.getProperty("record.clients", "");
        if (wanted.isBlank()) {
            return all;
        }
        List<String> names = List.of(wanted.split(","));
        return all.stream().filter(client -> names.contains(client.name())).toList();
    }
}
