package io.qwengateway.simulator;

import io.qwengateway.simulator.http.OpenAiError;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulator answers one chat request. Queue behaviours with {@link QwenSimulator#enqueueChat}; each chat
 * request takes the next one, and an empty queue means {@link #ok()}.
 *
 * <p>Each factory reproduces something the real upstream does (see qwen-upstream.md, "Errors" and "Streaming
 * quirks"). Stream-shaped behaviours also apply to non-streaming requests, in the closest plain-JSON form: a cut
 * stream becomes a truncated body, an error event becomes an error status, and so on.
 *
 * <p>Chunk counts in stream behaviours count content chunks <em>after</em> the opening
 * {@code {"role":"assistant","content":""}} chunk, which is always sent.
 */
public final class ChatBehaviour {

    /** What kind of answer; the parameters below mean something only for the kinds that use them. */
    public enum Kind {
        OK,
        STATUS,
        RESET_BEFORE_RESPONSE,
        DELAY_HEADERS,
        STREAM_CUT,
        STREAM_ENDS_SILENTLY,
        STREAM_ERROR_EVENT,
        ERROR_FINISH,
        CUMULATIVE_DELTAS,
        REASONING,
        TOOL_CALL_QUIRKS,
        TRUNCATED_TOOL_CALL,
        CALL_TOOL,
        ANSWER_WITHOUT_TOOLS,
        SLOW_STREAM,
        STALL_BEFORE_RESPONSE,
        STALL_MID_STREAM
    }

    static final String THROTTLING_ERROR = "{\"error\":{\"message\":\"Throttling: Requests rate limit exceeded\","
            + "\"type\":\"rate_limit_error\",\"code\":\"Throttling\"}}";
    static final String STREAM_TIMEOUT_ERROR = "{\"error\":{\"message\":\"stream timeout\","
            + "\"type\":\"server_error\",\"code\":\"504\"}}";

    private static final ChatBehaviour OK = new ChatBehaviour(Kind.OK, 0, "", Map.of(), 0, Duration.ZERO);

    private final Kind kind;
    private final int status;
    private final String body;
    private final Map<String, String> headers;
    private final int chunks;
    private final Duration delay;
    private final String toolName;

    private ChatBehaviour(Kind kind, int status, String body, Map<String, String> headers, int chunks,
                          Duration delay) {
        this(kind, status, body, headers, chunks, delay, "");
    }

    private ChatBehaviour(Kind kind, int status, String body, Map<String, String> headers, int chunks,
                          Duration delay, String toolName) {
        this.kind = kind;
        this.toolName = toolName;
        this.status = status;
        this.body = Objects.requireNonNull(body, "body");
        this.headers = Map.copyOf(headers);
        this.chunks = chunks;
        this.delay = Objects.requireNonNull(delay, "delay");
        if (chunks < 0) {
            throw new IllegalArgumentException("chunks must not be negative, was " + chunks);
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
    }

    private static ChatBehaviour of(Kind kind) {
        return new ChatBehaviour(kind, 0, "", Map.of(), 0, Duration.ZERO);
    }

    private static ChatBehaviour afterChunks(Kind kind, int chunks) {
        return new ChatBehaviour(kind, 0, "", Map.of(), chunks, Duration.ZERO);
    }

    // ---- normal answers --------------------------------------------------------------------------------------

    /** The normal, deterministic answer. */
    public static ChatBehaviour ok() {
        return OK;
    }

    /** The normal answer, after holding back the response headers for {@code delay}. */
    public static ChatBehaviour delayHeaders(Duration delay) {
        return new ChatBehaviour(Kind.DELAY_HEADERS, 0, "", Map.of(), 0, delay);
    }

    /** The normal answer with {@code reasoning_content} first, whatever the request asked. */
    public static ChatBehaviour reasoning() {
        return of(Kind.REASONING);
    }

    /** A stream whose content deltas each carry the whole text so far, as some DashScope paths do. */
    public static ChatBehaviour cumulativeDeltas() {
        return of(Kind.CUMULATIVE_DELTAS);
    }

    /** A normal answer in exactly {@code chunks} content chunks, {@code delayBetweenChunks} apart. */
    public static ChatBehaviour slowStream(int chunks, Duration delayBetweenChunks) {
        return new ChatBehaviour(Kind.SLOW_STREAM, 0, "", Map.of(), chunks, delayBetweenChunks);
    }

    // ---- error statuses before any byte of the answer --------------------------------------------------------

    public static ChatBehaviour status(int status, String body) {
        return status(status, body, Map.of());
    }

    /** An error answer; the content type follows the body (JSON, HTML or plain text) unless a header sets it. */
    public static ChatBehaviour status(int status, String body, Map<String, String> headers) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new ChatBehaviour(Kind.STATUS, status, body, headers, 0, Duration.ZERO);
    }

    /** 401 as the model API answers a stale token, and every OAuth token since the free tier ended. */
    public static ChatBehaviour staleToken401() {
        return status(401, OpenAiError.INVALID_ACCESS_TOKEN);
    }

    public static ChatBehaviour forbidden403() {
        return status(403, "{\"error\":{\"message\":\"Access denied.\",\"type\":\"access_denied\","
                + "\"param\":null,\"code\":\"AccessDenied\"}}");
    }

    /** The daily free quota is spent: no retry helps. */
    public static ChatBehaviour quotaExceeded429() {
        return status(429, "{\"error\":{\"message\":\"Free allocated quota exceeded.\","
                + "\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}");
    }

    /** A rate limit with a {@code Retry-After} hint. */
    public static ChatBehaviour throttled429(int retryAfterSeconds) {
        return status(429, "{\"error\":{\"message\":\"Requests rate limit exceeded, please try again later.\","
                        + "\"type\":\"rate_limit_error\",\"param\":null,\"code\":\"Throttling\"}}",
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** DashScope's wording for a prompt longer than the model's context. */
    public static ChatBehaviour contextTooLong400() {
        return status(400, "{\"error\":{\"message\":\"<400> InternalError.Algo.InvalidParameter: "
                + "Range of input length should be [1, 129024]\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"invalid_parameter_error\"}}");
    }

    /** Content moderation refused the input (DashScope's {@code DataInspectionFailed}). */
    public static ChatBehaviour dataInspectionFailed400() {
        return status(400, "{\"error\":{\"message\":\"<400> InternalError.Algo.DataInspectionFailed: "
                + "Input data may contain inappropriate content.\",\"type\":\"data_inspection_failed\","
                + "\"param\":null,\"code\":\"data_inspection_failed\"}}");
    }

    /** The upstream gateway gave up; common with 130k+ tokens of context. */
    public static ChatBehaviour gatewayTimeout504() {
        return status(504, "stream timeout");
    }

    public static ChatBehaviour badGateway502() {
        return status(502, "<html><head><title>502 Bad Gateway</title></head>"
                + "<body><center><h1>502 Bad Gateway</h1></center></body></html>");
    }

    public static ChatBehaviour serviceUnavailable503() {
        return status(503, "{\"error\":{\"message\":\"The service is temporarily unavailable, please retry later.\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":\"ServiceUnavailable\"}}");
    }

    /** Accepts the request, then drops the connection without a single response byte. */
    public static ChatBehaviour resetBeforeResponse() {
        return of(Kind.RESET_BEFORE_RESPONSE);
    }

    /**
     * Holds the request without a byte of answer, the connection open, as a frozen upstream does, until the simulator
     * thaws its stalls (then the normal answer follows) or is reset or closed (then the connection is cut).
     */
    public static ChatBehaviour stallBeforeResponse() {
        return of(Kind.STALL_BEFORE_RESPONSE);
    }

    // ---- streams that go wrong after the 200 -----------------------------------------------------------------

    /** {@code chunks} content chunks, then the connection drops without the chunked-encoding terminator. */
    public static ChatBehaviour streamCut(int chunksBeforeCut) {
        return afterChunks(Kind.STREAM_CUT, chunksBeforeCut);
    }

    /**
     * {@code chunks} content chunks, then silence with the connection open, until the simulator thaws its stalls (the
     * rest of the answer follows) or is reset or closed (the connection is cut). A non-streaming request is held
     * before its answer.
     */
    public static ChatBehaviour stallMidStream(int chunks) {
        return afterChunks(Kind.STALL_MID_STREAM, chunks);
    }

    /** {@code chunks} content chunks, then a clean end with no finish_reason and no {@code [DONE]}. */
    public static ChatBehaviour streamEndsSilently(int chunks) {
        return afterChunks(Kind.STREAM_ENDS_SILENTLY, chunks);
    }

    /**
     * {@code chunks} content chunks, then DashScope's error frame and the end of the stream:
     * {@code event:error}, {@code :HTTP_STATUS/<status>}, {@code data:<errorJson>} (no space after the colons).
     */
    public static ChatBehaviour streamErrorEvent(int chunks, int httpStatus, String errorJson) {
        return new ChatBehaviour(Kind.STREAM_ERROR_EVENT, httpStatus, errorJson, Map.of(), chunks, Duration.ZERO);
    }

    /** The 504 "stream timeout" that long contexts end in, after {@code chunks} content chunks. */
    public static ChatBehaviour midStreamTimeout(int chunks) {
        return streamErrorEvent(chunks, 504, STREAM_TIMEOUT_ERROR);
    }

    /** Throttling inside a 200 stream: a chunk with {@code finish_reason:"error_finish"} and the error as content. */
    public static ChatBehaviour errorFinish(int chunks) {
        return errorFinish(chunks, THROTTLING_ERROR);
    }

    public static ChatBehaviour errorFinish(int chunks, String errorJson) {
        return new ChatBehaviour(Kind.ERROR_FINISH, 0, errorJson, Map.of(), chunks, Duration.ZERO);
    }

    /**
     * Two tool calls streamed the messy way: ids only on each call's first chunk, both calls at index 0, the
     * function name repeated on every fragment of the second call, and finish_reason {@code stop}.
     */
    public static ChatBehaviour toolCallQuirks() {
        return of(Kind.TOOL_CALL_QUIRKS);
    }

    /** One tool call whose arguments JSON breaks off ({@code {"path":"src/ma}), with finish_reason tool_calls. */
    public static ChatBehaviour truncatedToolCall() {
        return of(Kind.TRUNCATED_TOOL_CALL);
    }

    /**
     * One call to the tool named {@code toolName} with exactly {@code argumentsJson}, whatever tools the request
     * offers: a client that runs its tools (a coding agent's shell) then runs a command the test chose.
     */
    public static ChatBehaviour callTool(String toolName, String argumentsJson) {
        if (Objects.requireNonNull(toolName, "toolName").isBlank()) {
            throw new IllegalArgumentException("toolName must not be blank");
        }
        return new ChatBehaviour(Kind.CALL_TOOL, 0, Objects.requireNonNull(argumentsJson, "argumentsJson"),
                Map.of(), 0, Duration.ZERO, toolName);
    }

    /**
     * The normal text answer even when tools are offered and the user spoke last (the normal answer would call a
     * tool): for clients that always offer tools, such as coding agents.
     */
    public static ChatBehaviour answerWithoutTools() {
        return of(Kind.ANSWER_WITHOUT_TOOLS);
    }

    // ---- parameters ------------------------------------------------------------------------------------------

    public Kind kind() {
        return kind;
    }

    /** HTTP status of a {@link Kind#STATUS} answer or of a {@link Kind#STREAM_ERROR_EVENT} frame. */
    public int status() {
        return status;
    }

    /** The tool a {@link Kind#CALL_TOOL} answer calls; empty for other kinds. */
    public String toolName() {
        return toolName;
    }

    /** Body of a status answer, the error JSON of an error event or error_finish chunk, or a tool call's arguments. */
    public String body() {
        return body;
    }

    /** Extra response headers of a status answer. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Content chunks sent before the stream goes wrong or stalls, or all content chunks of a slow stream. */
    public int chunks() {
        return chunks;
    }

    /** Header delay, or the pause between chunks of a slow stream. */
    public Duration delay() {
        return delay;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatBehaviour that
                && kind == that.kind && status == that.status && chunks == that.chunks
                && body.equals(that.body) && headers.equals(that.headers) && delay.equals(that.delay)
                && toolName.equals(that.toolName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, body, headers, chunks, delay, toolName);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STATUS -> "status(" + status + ")";
            case STREAM_ERROR_EVENT -> "streamErrorEvent(" + chunks + ", " + status + ")";
            case STREAM_CUT, STREAM_ENDS_SILENTLY, ERROR_FINISH, STALL_MID_STREAM -> kind + "(" + chunks + ")";
            case SLOW_STREAM -> "slowStream(" + chunks + ", " + delay + ")";
            case DELAY_HEADERS -> "delayHeaders(" + delay + ")";
            case CALL_TOOL -> "callTool(" + toolName + ", " + body + ")";
            default -> kind.toString();
        };
    }
}
