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
            failedStream("server_error"));

    /** Which clients can express a scenario. */
    public enum Group {
        /** {@code /v1/chat/completions}, embeddings and models: every SDK. */
        CHAT,
        /** {@code /v1/responses} through an SDK's {@code client.responses}. */
        RESPONSES,
        /** What only the Codex CLI sends. */
        CODEX
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
