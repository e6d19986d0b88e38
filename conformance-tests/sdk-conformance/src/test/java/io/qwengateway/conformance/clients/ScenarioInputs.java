package io.qwengateway.conformance.clients;

/**
 * What every client sends in the scenarios, so that recordings of different clients differ only in how each client
 * says it. The Node driver ({@code src/test/node/scenarios.mjs}) repeats these values: keep the two in step.
 */
public final class ScenarioInputs {

    public static final String MODEL = "coder-model";
    public static final String EMBEDDING_MODEL = "text-embedding-v4";
    public static final String UNKNOWN_MODEL = "no-such-model";
    public static final String WRONG_KEY = "sk-wrong-key";

    public static final String PROMPT = "Say hello";
    public static final String WEATHER_QUESTION = "What is the weather in Paris?";
    public static final String WEATHER_TOOL = "get_weather";
    public static final String WEATHER_TOOL_DESCRIPTION = "Current weather in a city";
    public static final String WEATHER_RESULT = "22 C and sunny";
    public static final String IMAGE_QUESTION = "What is in this image?";
    /** A 1x1 transparent PNG. */
    public static final String PNG_BASE64 =
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    public static final String PNG_DATA_URL = "data:image/png;base64," + PNG_BASE64;
    public static final String SCHEMA_NAME = "greeting";
    public static final String[] EMBEDDING_INPUTS = {"hello world", "bonjour"};
    /** What the Responses scenarios look up when the stored conversation is gone. */
    public static final String UNKNOWN_RESPONSE_ID = "resp_0000000000000000000000000000000000000000000000";

    /** Codex's shell tool, the command the simulated model runs through it, and what the command prints. */
    public static final String CODEX_SHELL_TOOL = "exec_command";
    public static final String CODEX_SHELL_ARGUMENTS = "{\"cmd\":\"echo hi\"}";
    public static final String CODEX_SHELL_OUTPUT = "hi";
    public static final String CODEX_EXEC_PROMPT = "Run echo hi";

    /**
     * What the Messages scenarios ask for: a Claude model name, as Claude Code and the Anthropic SDKs' examples send,
     * which the gateway's pattern aliases map to the coding model.
     */
    public static final String CLAUDE_MODEL = "claude-sonnet-4-5";
    public static final long MAX_TOKENS = 1024;
    public static final long THINKING_BUDGET = 1024;
    /** A word of the simulator's answer ("Hello from the Qwen simulator. You said: ..."), where it stops. */
    public static final String STOP_SEQUENCE = "simulator";

    /** Claude Code's shell tool, the command the simulated model runs through it, and what the command prints. */
    public static final String CLAUDE_CODE_SHELL_TOOL = "Bash";
    public static final String CLAUDE_CODE_SHELL_ARGUMENTS = "{\"command\":\"echo hi\",\"description\":\"Print hi\"}";
    public static final String CLAUDE_CODE_EXEC_PROMPT = "Run echo hi";

    private ScenarioInputs() {
    }
}
