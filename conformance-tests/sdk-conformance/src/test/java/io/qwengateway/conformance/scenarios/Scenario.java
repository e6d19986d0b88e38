package io.qwengateway.conformance.scenarios;

import static io.qwengateway.conformance.scenarios.ResponsesWireExpectations.failedStream;
import static io.qwengateway.conformance.scenarios.ResponsesWireExpectations.sendsBackAToolOutput;
import static io.qwengateway.conformance.scenarios.ResponsesWireExpectations.textResponse;
import static io.qwengateway.conformance.scenarios.ResponsesWireExpectations.textStream;
import static io.qwengateway.conformance.scenarios.ResponsesWireExpectations.toolCallResponse;
import static io.qwengateway.conformance.scenarios.ResponsesWireExpectations.toolCallStream;
import static io.qwengateway.conformance.scenarios.WireExpectations.embeddings;
import static io.qwengateway.conformance.scenarios.WireExpectations.error;
import static io.qwengateway.conformance.scenarios.WireExpectations.eventStream;
import static io.qwengateway.conformance.scenarios.WireExpectations.jsonSchemaAnswer;
import static io.qwengateway.conformance.scenarios.WireExpectations.model;
import static io.qwengateway.conformance.scenarios.WireExpectations.modelList;
import static io.qwengateway.conformance.scenarios.WireExpectations.streamEndingInError;
import static io.qwengateway.conformance.scenarios.WireExpectations.textAnswer;
import static io.qwengateway.conformance.scenarios.WireExpectations.toolCalls;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import io.qwengateway.conformance.clients.ScenarioInputs;
import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.QwenSimulator;

/**
 * What each client is made to do, both when its traffic is recorded and when that traffic is replayed: how the
 * simulated Qwen behaves, and what the client needs from each of the gateway's answers, request by request.
 */
public enum Scenario {

    CHAT("chat", none(), textAnswer()),
    STREAM("stream", none(), eventStream()),
    STREAM_USAGE("stream-usage", none(), eventStream()),
    /** A tool call, then the same conversation carrying the tool's result: two requests. */
    TOOLS("tools", none(), toolCalls(), textAnswer()),
    IMAGE("image", none(), textAnswer()),
    JSON_SCHEMA("json-schema", none(), jsonSchemaAnswer()),
    EMBEDDINGS("embeddings", none(), embeddings()),
    MODELS("models", none(), modelList()),
    MODEL("model", none(), model()),
    ERROR_INVALID_KEY("error-invalid-key", none(), error(401, "invalid_request_error", "invalid_api_key")),
    ERROR_MODEL_NOT_FOUND("error-model-not-found", none(), error(404, "invalid_request_error", "model_not_found")),
    ERROR_QUOTA("error-quota", qwen(ChatBehaviour.quotaExceeded429()),
            error(429, "insufficient_quota", "insufficient_quota")),
    /** The quota error before the first byte of a stream: JSON, though openai-java accepts only event streams. */
    ERROR_QUOTA_STREAM("error-quota-stream", qwen(ChatBehaviour.quotaExceeded429()),
            error(429, "insufficient_quota", "insufficient_quota")),
    ERROR_CONTEXT_LENGTH("error-context-length", qwen(ChatBehaviour.contextTooLong400()),
            error(400, "invalid_request_error", "context_length_exceeded")),
    /** DashScope's 504 "stream timeout" after two chunks of a 200 stream. */
    ERROR_MID_STREAM("error-mid-stream", qwen(ChatBehaviour.midStreamTimeout(2)),
            streamEndingInError("upstream_stream_error")),

    // ---- the Responses API (client.responses) ------------------------------------------------------------------

    RESPONSES("responses", Group.RESPONSES, none(), textResponse()),
    RESPONSES_STREAM("responses-stream", Group.RESPONSES, none(), textStream()),
    /** A function call, then its output continuing the stored conversation with {@code previous_response_id}. */
    RESPONSES_TOOLS("responses-tools", Group.RESPONSES, none(), toolCallResponse(), textResponse()),
    /** The same streamed with {@code store: false}, every item sent back by the client, as Codex does. */
    RESPONSES_TOOLS_STATELESS("responses-tools-stateless", Group.RESPONSES, none(), toolCallStream(),
            sendsBackAToolOutput().and(textStream())),
    RESPONSES_ERROR_QUOTA_STREAM("responses-error-quota-stream", Group.RESPONSES,
            qwen(ChatBehaviour.quotaExceeded429()), error(429, "insufficient_quota", "insufficient_quota")),
    /** DashScope's 504 "stream timeout" after two chunks: the stream ends with {@code response.failed}. */
    RESPONSES_ERROR_MID_STREAM("responses-error-mid-stream", Group.RESPONSES,
            qwen(ChatBehaviour.midStreamTimeout(2)), failedStream("server_error")),
    RESPONSES_ERROR_PREVIOUS_NOT_FOUND("responses-error-previous-not-found", Group.RESPONSES, none(),
            error(404, "invalid_request_error", "previous_response_not_found")),

    // ---- the Codex CLI (codex exec, a provider with wire_api = "responses") ------------------------------------

    /** One turn answered with text (Codex always offers its tools; the model does not call one). */
    CODEX_ANSWER("codex-answer", Group.CODEX, qwen(ChatBehaviour.answerWithoutTools()), textStream()),
    /** The model calls {@code exec_command}; Codex runs {@code echo hi} and sends its output back; text follows. */
    CODEX_EXEC("codex-exec", Group.CODEX, qwen(ChatBehaviour.callTool(ScenarioInputs.CODEX_SHELL_TOOL,
            ScenarioInputs.CODEX_SHELL_ARGUMENTS)), toolCallStream(ScenarioInputs.CODEX_SHELL_TOOL),
            sendsBackAToolOutput().and(textStream())),
    /** Codex says "Quota exceeded" for insufficient_quota (its retries are off in the recording). */
    CODEX_ERROR_QUOTA("codex-error-quota", Group.CODEX, qwen(ChatBehaviour.quotaExceeded429()),
            error(429, "insufficient_quota", "insufficient_quota")),
    /** Codex reports "stream disconnected before completion" with the message of {@code response.failed}. */
    CODEX_ERROR_MID_STREAM("codex-error-mid-stream", Group.CODEX, qwen(ChatBehaviour.midStreamTimeout(2)),
            failedStream("server_error")),

    // ---- Anthropic's Messages API (the Anthropic SDKs) -----------------------------------------------------------

    MESSAGES("messages", Group.MESSAGES, none(), MessagesWireExpectations.textMessage()),
    MESSAGES_STREAM("messages-stream", Group.MESSAGES, none(), MessagesWireExpectations.textStream()),
    /** A tool_use, then the conversation with its tool_result: two requests. */
    MESSAGES_TOOLS("messages-tools", Group.MESSAGES, none(), MessagesWireExpectations.toolUseMessage(),
            MessagesWireExpectations.sendsBackAToolResult().and(MessagesWireExpectations.textMessage())),
    /** The same streamed, each stream folded by the SDK's own helper. */
    MESSAGES_TOOLS_STREAM("messages-tools-stream", Group.MESSAGES, none(), MessagesWireExpectations.toolUseStream(),
            MessagesWireExpectations.sendsBackAToolResult().and(MessagesWireExpectations.textStream())),
    /** {@code thinking: enabled} with a budget: a thinking block (thinking_delta, signature_delta) before the text. */
    MESSAGES_THINKING("messages-thinking", Group.MESSAGES, none(), MessagesWireExpectations.thinkingStream()),
    MESSAGES_STOP_SEQUENCE("messages-stop-sequence", Group.MESSAGES, none(),
            MessagesWireExpectations.stopSequenceMessage()),
    MESSAGES_COUNT_TOKENS("messages-count-tokens", Group.MESSAGES, none(), MessagesWireExpectations.tokenCount()),
    MESSAGES_MODELS("messages-models", Group.MESSAGES, none(), MessagesWireExpectations.modelList()),
    MESSAGES_ERROR_INVALID_KEY("messages-error-invalid-key", Group.MESSAGES, none(),
            MessagesWireExpectations.finalError(401, "authentication_error")),
    MESSAGES_ERROR_NOT_FOUND("messages-error-not-found", Group.MESSAGES, none(),
            MessagesWireExpectations.error(404, "not_found_error")),
    /** Qwen's spent quota before the first byte of a stream: JSON 429, not an event stream. */
    MESSAGES_ERROR_QUOTA_STREAM("messages-error-quota-stream", Group.MESSAGES,
            qwen(ChatBehaviour.quotaExceeded429()), MessagesWireExpectations.finalError(429, "rate_limit_error")),
    MESSAGES_ERROR_CONTEXT_LENGTH("messages-error-context-length", Group.MESSAGES,
            qwen(ChatBehaviour.contextTooLong400()), MessagesWireExpectations.error(400, "invalid_request_error")),
    /** Qwen unavailable on every send the gateway makes (503): Anthropic's 529 {@code overloaded_error}. */
    MESSAGES_ERROR_OVERLOADED("messages-error-overloaded", Group.MESSAGES, qwen(ChatBehaviour.serviceUnavailable503(),
            ChatBehaviour.serviceUnavailable503(), ChatBehaviour.serviceUnavailable503()),
            MessagesWireExpectations.error(529, "overloaded_error")),
    /** DashScope's 504 "stream timeout" after two chunks: the stream ends with an {@code error} event. */
    MESSAGES_ERROR_MID_STREAM("messages-error-mid-stream", Group.MESSAGES, qwen(ChatBehaviour.midStreamTimeout(2)),
            MessagesWireExpectations.failedStream("api_error")),

    // ---- Claude Code (claude -p with ANTHROPIC_BASE_URL at the gateway) -----------------------------------------

    /** One turn answered with text (Claude Code always offers its tools; the model does not call one). */
    CLAUDE_CODE_ANSWER("claude-code-answer", Group.CLAUDE_CODE, qwen(ChatBehaviour.answerWithoutTools()),
            MessagesWireExpectations.textStream()),
    /** The model calls {@code Bash}; Claude Code runs {@code echo hi} and sends its tool_result; text follows. */
    CLAUDE_CODE_BASH("claude-code-bash", Group.CLAUDE_CODE, qwen(ChatBehaviour.callTool(
            ScenarioInputs.CLAUDE_CODE_SHELL_TOOL, ScenarioInputs.CLAUDE_CODE_SHELL_ARGUMENTS)),
            MessagesWireExpectations.toolUseStream(ScenarioInputs.CLAUDE_CODE_SHELL_TOOL),
            MessagesWireExpectations.sendsBackAToolResult().and(MessagesWireExpectations.textStream())),
    /** Qwen's spent quota: Claude Code prints the 429 and, told so by x-should-retry, does not resend it. */
    CLAUDE_CODE_ERROR_QUOTA("claude-code-error-quota", Group.CLAUDE_CODE, qwen(ChatBehaviour.quotaExceeded429()),
            MessagesWireExpectations.finalError(429, "rate_limit_error")),
    /**
     * Qwen's 504 after two chunks: the stream ends with an error event, and Claude Code asks again without
     * streaming (its non-streaming fallback), which is answered.
     */
    CLAUDE_CODE_ERROR_MID_STREAM("claude-code-error-mid-stream", Group.CLAUDE_CODE,
            qwen(ChatBehaviour.midStreamTimeout(2), ChatBehaviour.answerWithoutTools()),
            MessagesWireExpectations.failedStream("api_error"), MessagesWireExpectations.textMessage());

    /** Which clients can express a scenario. */
    public enum Group {
        /** {@code /v1/chat/completions}, embeddings and models: every SDK. */
        CHAT,
        /** {@code /v1/responses} through an SDK's {@code client.responses}. */
        RESPONSES,
        /** What only the Codex CLI sends. */
        CODEX,
        /** {@code /v1/messages}, count_tokens and models through the Anthropic SDKs. */
        MESSAGES,
        /** What only Claude Code sends. */
        CLAUDE_CODE
    }

    private final String id;
    private final Group group;
    private final Consumer<QwenSimulator> qwenSetup;
    private final List<WireExpectation> expectations;

    Scenario(String id, Consumer<QwenSimulator> qwenSetup, WireExpectation... expectations) {
        this(id, Group.CHAT, qwenSetup, expectations);
    }

    Scenario(String id, Group group, Consumer<QwenSimulator> qwenSetup, WireExpectation... expectations) {
        this.id = id;
        this.group = group;
        this.qwenSetup = qwenSetup;
        this.expectations = List.of(expectations);
    }

    public Group group() {
        return group;
    }

    /** The scenarios of these groups. */
    public static Set<Scenario> of(Group... groups) {
        Set<Group> wanted = EnumSet.noneOf(Group.class);
        wanted.addAll(Arrays.asList(groups));
        Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
        Arrays.stream(values()).filter(scenario -> wanted.contains(scenario.group)).forEach(scenarios::add);
        return scenarios;
    }

    /** The fixture name, {@code recordings/<client>/<id>.json}. */
    public String id() {
        return id;
    }

    /** Programs the simulated Qwen (already reset) for this scenario. */
    public void prepare(QwenSimulator simulator) {
        qwenSetup.accept(simulator);
    }

    /** One expectation per request the client sends, in order. */
    public List<WireExpectation> expectations() {
        return expectations;
    }

    public static Scenario byId(String id) {
        return Arrays.stream(values()).filter(scenario -> scenario.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + id));
    }

    private static Consumer<QwenSimulator> none() {
        return simulator -> { };
    }

    private static Consumer<QwenSimulator> qwen(ChatBehaviour... behaviours) {
        return simulator -> simulator.enqueueChat(behaviours);
    }
}
