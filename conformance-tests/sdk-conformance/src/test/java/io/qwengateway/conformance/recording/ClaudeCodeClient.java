package io.qwengateway.conformance.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qwengateway.conformance.clients.ScenarioInputs;
import io.qwengateway.conformance.scenarios.Scenario;

/**
 * The real Claude Code CLI ({@code @anthropic-ai/claude-code} from npm, pinned in {@code src/test/claude-code/package.json}
 * and its lock file; a native binary), run headless as {@code claude -p PROMPT --output-format json} once per
 * scenario with {@code ANTHROPIC_BASE_URL} at the gateway. Each run gets its own {@code HOME} (where Claude Code
 * keeps its settings, sessions and {@code .claude.json}) and an empty working folder, so that nothing of the
 * developer's own set-up or of this repository reaches the recording.
 */
final class ClaudeCodeClient implements ScenarioClient {

    private final NodePackage npm;
    private String version;

    ClaudeCodeClient(Path directory) {
        this.npm = new NodePackage(directory, "@anthropic-ai/claude-code");
    }

    @Override
    public String name() {
        return "claude-code";
    }

    /** {@code claude --version} prints {@code 2.1.332 (Claude Code)}. */
    @Override
    public String version() {
        if (version == null) {
            String printed = claude(npm.directory(), List.of("--version"), Map.of()).output().strip();
            version = printed.split(" ")[0];
        }
        return version;
    }

    /** A native binary: what it ran on. */
    @Override
    public String runtime() {
        return System.getProperty("os.name").toLowerCase() + " " + System.getProperty("os.arch");
    }

    @Override
    public Set<Scenario> scenarios() {
        return Scenario.of(Scenario.Group.CLAUDE_CODE);
    }

    void install() {
        npm.install();
    }

    @Override
    public void run(Scenario scenario, String baseUrl, String apiKey) throws IOException {
        CliRun expected = switch (scenario) {
            case CLAUDE_CODE_ANSWER -> new CliRun(ScenarioInputs.PROMPT, true, "Hello from the Qwen simulator");
            case CLAUDE_CODE_BASH -> new CliRun(ScenarioInputs.CLAUDE_CODE_EXEC_PROMPT, true,
                    "Tool result received: hi");
            // Claude Code's words for the 429 (it does not resend it: x-should-retry is false).
            case CLAUDE_CODE_ERROR_QUOTA -> new CliRun(ScenarioInputs.PROMPT, false, "Request rejected (429)");
            // After the error event it asks again without streaming, and answers from that.
            case CLAUDE_CODE_ERROR_MID_STREAM -> new CliRun(ScenarioInputs.PROMPT, true,
                    "Hello from the Qwen simulator");
            default -> throw new IllegalArgumentException(scenario + " is not a Claude Code scenario");
        };
        Path root = Files.createTempDirectory("claude-code-recording-");
        try {
            Path home = Files.createDirectories(root.resolve("home"));
            Path work = Files.createDirectories(root.resolve("work"));
            List<String> arguments = new ArrayList<>(List.of("-p", expected.prompt(), "--output-format", "json",
                    "--model", ScenarioInputs.CLAUDE_MODEL));
            if (scenario == Scenario.CLAUDE_CODE_BASH) {
                // -p cannot ask for permission: allow exactly the command the simulated model runs.
                arguments.addAll(List.of("--allowedTools", "Bash(echo hi)"));
            }
            expected.check("Claude Code", claude(work, arguments, environment(AnthropicApi.root(baseUrl), apiKey,
                    home)));
        } finally {
            CliRun.deleteRecursively(root);
        }
    }

    /**
     * The set-up of docs/clients.md: the gateway's root as the base URL and the key as {@code x-api-key}, with the
     * non-essential traffic off (no telemetry, error reports or update checks: the recording talks to the gateway
     * only). Claude Code's own retries stay on, as users have them.
     */
    static Map<String, String> environment(String baseUrl, String apiKey, Path home) {
        return Map.of("ANTHROPIC_BASE_URL", baseUrl, "ANTHROPIC_API_KEY", apiKey,
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1", "HOME", home.toString(),
                "CLAUDE_CONFIG_DIR", home.resolve(".claude").toString());
    }

    private NodePackage.Outcome claude(Path workingDirectory, List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(
                npm.directory().resolve("node_modules").resolve(".bin").resolve("claude").toAbsolutePath().toString()));
        command.addAll(arguments);
        return npm.execute(workingDirectory, command, environment, Duration.ofMinutes(2));
    }
}
