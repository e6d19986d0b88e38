package io.qwengateway.upstream;

import java.time.Duration;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.qwengateway.errors.ApiException;
import io.qwengateway.pool.FailureEffect;
import io.qwengateway.pool.QuotaWindow;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads an upstream error (status and body) the way the table in the Qwen notes says, for the JSON path and the
 * streaming path alike: stale token, transient failure, or a final answer with the OpenAI code a client expects; and
 * what the answer says about the upstream ({@link FailureEffect}): a quota spent for its window, a per-minute
 * throttle, a dead or unpaid account, a failing server, or nothing (the client's own mistake, which never rotates
 * upstreams). The Qwen and DashScope wordings live here; the pool acts on the effect only.
 */
@Component
public class UpstreamErrorClassifier {

    private final ObjectMapper json;

    public UpstreamErrorClassifier(ObjectMapper json) {
        this.json = json;
    }

    public UpstreamFailure classify(int status, String body, String retryAfterHeader) {
        ErrorDetails details = details(body);
        String text = (details.message + " " + details.code + " " + details.type).toLowerCase(Locale.ROOT);
        Duration retryAfter = retryAfter(retryAfterHeader);
        if (status >= 400 && status < 500 && mentionsArrearage(text)) {
            return new UpstreamFailure(UpstreamFailure.Kind.FINAL, new ApiException(HttpStatus.FORBIDDEN,
                    "insufficient_quota", "account_arrearage", null, "The Qwen account behind this upstream is in "
                            + "arrears (Arrearage): " + details.message + " Settle the account in the Alibaba Cloud "
                            + "console; until then the gateway leaves this key aside.", null),
                    FailureEffect.DEAD, null, retryAfter);
        }
        if ((status == 429 || status == 403) && mentionsQuota(text) && !isThrottling(details, text)) {
            QuotaWindow window = quotaWindow(text);
            return new UpstreamFailure(UpstreamFailure.Kind.FINAL, new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                    "insufficient_quota", "insufficient_quota", "Qwen quota exhausted: " + details.message
                            + " (no retry: the quota resets " + resets(window)
                            + "; another account or an API key can serve)"),
                    FailureEffect.QUOTA_SPENT, window, retryAfter);
        }
        if (status == 401 || status == 403 || (status >= 400 && status < 500 && mentionsStaleToken(text))) {
            return new UpstreamFailure(UpstreamFailure.Kind.STALE_TOKEN, new ApiException(HttpStatus.UNAUTHORIZED,
                    "authentication_error", "upstream_unauthorized", "Qwen refused the access token: " + details.message));
        }
        if (status == 429) {
            // Throttling, Throttling.RateQuota, Throttling.AllocationQuota: per-minute limits, even when worded as
            // insufficient_quota; over within a minute, so never a reason to park the upstream for long.
            return new UpstreamFailure(UpstreamFailure.Kind.FINAL, new ApiException(HttpStatus.TOO_MANY_REQUESTS,
                    "requests", "rate_limit_exceeded", null, "Qwen rate limit reached: " + details.message,
                    retryAfter), FailureEffect.THROTTLED, null, retryAfter);
        }
        if (status == 502 || status == 503 || status == 504) {
            String hint = status == 504 ? " Qwen answers 504 'stream timeout' for very long contexts (about 130k-150k"
                    + " tokens): shorten the conversation if this repeats." : "";
            return new UpstreamFailure(UpstreamFailure.Kind.TRANSIENT, ApiException.serverError(
                    HttpStatus.valueOf(status), "upstream_unavailable",
                    "Qwen answered " + status + " (" + details.message + ") after retries." + hint));
        }
        if (status == 400 && mentionsContextLength(text)) {
            return fin(new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "context_length_exceeded",
                    "messages", "This model's maximum context length was exceeded: " + details.message, null));
        }
        if (status == 400 && mentionsModeration(text)) {
            return fin(new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", "data_inspection_failed",
                    null, "Qwen's content moderation refused the request (DataInspectionFailed): " + details.message,
                    null));
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null || !resolved.isError()) {
            resolved = HttpStatus.BAD_GATEWAY;
        }
        String type = resolved.is5xxServerError() ? "server_error"
                : details.type.isEmpty() ? "invalid_request_error" : details.type;
        ApiException error = new ApiException(resolved, type, details.code.isEmpty() ? null : details.code,
                details.param, details.message, null);
        // A server error is the upstream's trouble, not the client's: another upstream may serve.
        return resolved.is5xxServerError()
                ? new UpstreamFailure(UpstreamFailure.Kind.FINAL, error, FailureEffect.FAILING, null, retryAfter)
                : fin(error);
    }

    /**
     * An error Qwen reported inside a 2xx answer (an SSE error frame, an {@code error_finish} chunk, a JSON error
     * where a stream was expected), where the HTTP status says nothing. Quota and context errors keep their meaning;
     * anything else is a server error, since nothing can be retried once the answer has begun.
     *
     * @param announcedStatus the status DashScope announced in the frame, or null
     */
    public ApiException classifyInBand(Integer announcedStatus, String body) {
        return inBandFailure(announcedStatus, body).error();
    }

    /** {@link #classifyInBand} with what the error says about the upstream, for a failover before the first byte. */
    public UpstreamFailure inBandFailure(Integer announcedStatus, String body) {
        int status = announcedStatus != null ? announcedStatus : guessStatus(body);
        UpstreamFailure failure = classify(status, body, null);
        return failure.kind() == UpstreamFailure.Kind.FINAL ? failure
                : new UpstreamFailure(UpstreamFailure.Kind.FINAL, ApiException.serverError(HttpStatus.BAD_GATEWAY,
                        "upstream_stream_error", "The Qwen stream failed (" + status + "): " + describe(body)),
                        FailureEffect.FAILING, null, null);
    }

    private static int guessStatus(String body) {
        String text = body.toLowerCase(Locale.ROOT);
        return text.contains("throttl") || text.contains("rate limit") || text.contains("quota") ? 429 : 500;
    }

    private static UpstreamFailure fin(ApiException error) {
        return new UpstreamFailure(UpstreamFailure.Kind.FINAL, error);
    }

    private static boolean mentionsQuota(String text) {
        return text.contains("insufficient_quota") || text.contains("quota exceeded") || text.contains("free allocated quota");
    }

    /**
     * DashScope's per-minute limits: {@code Throttling}, {@code Throttling.RateQuota}, {@code Throttling.AllocationQuota}
     * (the last worded "Allocated quota exceeded" and typed {@code insufficient_quota} in compatible mode).
     */
    private static boolean isThrottling(ErrorDetails details, String text) {
        return details.code.toLowerCase(Locale.ROOT).startsWith("throttling") || text.contains("throttl")
                || text.contains("rate limit") || text.contains("too many requests");
    }

    /** "hour allocated quota exceeded", "week ...", "month ..." (Coding Plan); a daily quota otherwise. */
    private static QuotaWindow quotaWindow(String text) {
        if (text.contains("hour")) {
            return QuotaWindow.HOUR;
        }
        if (text.contains("week")) {
            return QuotaWindow.WEEK;
        }
        if (text.contains("month")) {
            return QuotaWindow.MONTH;
        }
        return QuotaWindow.DAY;
    }

    private static String resets(QuotaWindow window) {
        return switch (window) {
            case HOUR -> "hourly";
            case DAY -> "daily";
            case WEEK -> "weekly";
            case MONTH -> "monthly";
        };
    }

    /** 400 {@code Arrearage}: "make sure your account is in good standing". */
    private static boolean mentionsArrearage(String text) {
        return text.contains("arrearage") || text.contains("account is in good standing");
    }

    private static boolean mentionsStaleToken(String text) {
        return text.contains("invalid access token") || text.contains("token expired") || text.contains("unauthorized");
    }

    private static boolean mentionsContextLength(String text) {
        return text.contains("range of input length") || text.contains("maximum context length")
                || text.contains("too many tokens") || text.contains("context_length_exceeded");
    }

    private static boolean mentionsModeration(String text) {
        return text.contains("datainspectionfailed") || text.contains("data_inspection_failed")
                || text.contains("inappropriate content");
    }

    private static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(header.trim());
            return seconds >= 0 ? Duration.ofMillis((long) (seconds * 1000)) : null;
        } catch (NumberFormatException e) {
            return null; // an HTTP date: rare upstream, and the SDKs back off on their own
        }
    }

    /** The human-readable message of an upstream error body. */
    public String describe(String body) {
        return details(body).message();
    }

    /** message/code/type/param from OpenAI's envelope, DashScope's native body, an OAuth error, or plain text. */
    ErrorDetails details(String body) {
        if (body == null || body.isBlank()) {
            return new ErrorDetails("(empty body)", "", "", null);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            return new ErrorDetails(abbreviate(body.strip()), "", "", null);
        }
        JsonNode error = root.path("error").isObject() ? root.path("error") : root;
        String message = firstText(error, "message", "error_description", "msg");
        if (message.isEmpty() && root.path("error").isString()) {
            message = root.path("error").asString();
        }
        JsonNode param = error.get("param");
        return new ErrorDetails(message.isEmpty() ? abbreviate(body.strip()) : message,
                firstText(error, "code"), firstText(error, "type"),
                param == null || param.isNull() ? null : param.asString());
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull() && !value.asString().isEmpty()) {
                return value.asString();
            }
        }
        return "";
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    record ErrorDetails(String message, String code, String type, String param) {
    }
}
