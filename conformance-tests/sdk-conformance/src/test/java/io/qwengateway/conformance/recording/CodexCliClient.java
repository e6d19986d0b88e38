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
 * The real Codex CLI ({@code @openai/codex} from npm, pinned in {@code src/test/codex/package.json} and its lock file),
 * run headless as {@code codex exec} once per scenario with a provider whose {@code wire_api} is {@code responses}.
 * Each run gets its own {@code CODEX_HOME} (holding only the config below), {@code HOME} and working folder, so that
 * nothing of the developer's own Codex set-up, sessions or shell profile reaches the recording.
 */
final class CodexCliClient implements ScenarioClient {

    /** The variable the provider's {@code env_key} names: Codex sends its value as the bearer token. */
    static final String KEY_VARIABLE = "QWEN_GATEWAY_API_KEY";

    private final NodePackage npm;
    private String version;

    CodexCliClient(Path directory) {
        this.npm = new NodePackage(directory, "@openai/codex");
    }

    @Override
    public String name() {
        return "codex-cli";
    }

    /** {@code codex --version} prints {@code codex-cli 0.171.0}. */
    @Override
    public String version() {
        if (version == null) {
            String printed = codex(List.of("--version"), Map.of()).output().strip();
            version = printed.substring(printed.lastIndexOf(' ') + 1);
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
        return Scenario.of(Scenario.Group.CODEX);
    }

    void install() {
        npm.install();
    }

    @Override
    public void run(Scenario scenario, String baseUrl, String apiKey) throws IOException {
        CliRun expected = switch (scenario) {
            case CODEX_ANSWER -> new CliRun(ScenarioInputs.PROMPT, true, "Hello from the Qwen simulator");
            case CODEX_EXEC -> new CliRun(ScenarioInputs.CODEX_EXEC_PROMPT, true, ScenarioInputs.CODEX_SHELL_OUTPUT);
            // Codex's own words for insufficient_quota, and for a stream that ended in response.failed.
            case CODEX_ERROR_QUOTA -> new CliRun(ScenarioInputs.PROMPT, false, "Quota exceeded");
            case CODEX_ERROR_MID_STREAM -> new CliRun(ScenarioInputs.PROMPT, false,
                    "stream disconnected before completion");
            default -> throw new IllegalArgumentException(scenario + " is not a Codex scenario");
        };
        Path root = Files.createTempDirectory("codex-recording-");
        try {
            Path codexHome = Files.createDirectories(root.resolve("codex-home"));
            Files.writeString(codexHome.resolve("config.toml"), config(baseUrl));
            Path home = Files.createDirectories(root.resolve("home"));
            Path work = Files.createDirectories(root.resolve("work"));
            NodePackage.Outcome outcome = codex(List.of("exec", "--skip-git-repo-check", "--ephemeral", "--color",
                    "never", "--cd", work.toString(), expected.prompt()), Map.of("CODEX_HOME", codexHome.toString(),
                    "HOME", home.toString(), KEY_VARIABLE, apiKey));
            expected.check("Codex", outcome);
        } finally {
            CliRun.deleteRecursively(root);
        }
    }

    /**
     * The provider as docs/clients.md describes it, with retries off (every request is recorded once, and a failure
     * shows) and the update check off (the recording talks to the gateway only).
     */
    static String config(String baseUrl) {
        return """
                model = "%s"
                model_provider = "qwen-gateway"
                check_for_update_on_startup = false

                [model_providers.qwen-gateway]
                name = "Qwen Gateway"
                base_url = "%s"
                wire_api = "responses"
                env_key = "%s"
                request_max_retries = 0
                stream_max_retries = 0
                """.formatted(ScenarioInputs.MODEL, baseUrl, KEY_VARIABLE);
    }

    private NodePackage.Outcome codex(List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(
                npm.directory().resolve("node_modules").resolve(".bin").resolve("codex").toString()));
        command.addAll(arguments);
        return npm.execute(command, environment, Duration.ofMinutes(2));
    }
}
