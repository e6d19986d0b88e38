package io.qwengateway.errors;

import java.time.Duration;
import java.util.Optional;

import org.springframework.http.HttpStatus;

/**
 * An error the gateway answers with, in OpenAI's envelope {@code {"error":{"message","type","param","code"}}}.
 * Thrown anywhere on the request path before the response has started; {@link ApiExceptionHandler} writes it, and the
 * streaming relay turns it into an error event once a stream has begun.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String param;
    private final String code;
    private final Duration retryAfter;
    /** The pool member whose answer this error reports; set once the error leaves the upstream call. */
    private volatile String upstream;

    public ApiException(HttpStatus status, String type, String code, String param, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
        this.retryAfter = retryAfter;
    }

    public ApiException(HttpStatus status, String type, String code, String message) {
        this(status, type, code, null, message, null);
    }

    public static ApiException invalidRequest(String message, String param) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid_request_error", null, param, message, null);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, "invalid_request_error", code, message);
    }

    public static ApiException serverError(HttpStatus status, String code, String message) {
        return new ApiException(status, "server_error", code, message);
    }

    /** The same error told in other words (the type is kept by value only: a plain {@code ApiException}). */
    public ApiException withMessage(String message) {
        ApiException copy = new ApiException(status, type, code, param, message, retryAfter);
        copy.upstream = upstream;
        return copy;
    }

    /**
     * Records which upstream of the pool this error came from (for the log and the operator's view; never shown to
     * the client). Returns this error.
     */
    public ApiException fromUpstream(String name) {
        this.upstream = name;
        return this;
    }

    /** The upstream whose answer this error reports, when one was called. */
    public Optional<String> upstream() {
        return Optional.ofNullable(upstream);
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * A refused key, an unusable upstream credential or a spent quota: sending the same request again cannot succeed,
     * so the client is told not to ({@code x-should-retry: false}, which the Stainless-generated OpenAI and Anthropic
     * SDKs obey before their own rules; without it Claude Code 2.1 resent such a 429 or 401 for minutes).
     */
    public boolean resendCannotHelp() {
        int value = status.value();
        return value == 401 || value == 403 || "insufficient_quota".equals(code);
    }

    public io.qwengateway.api.model.ErrorResponse toBody() {
        return ErrorBodies.of(getMessage(), type, param, code);
    }
}
