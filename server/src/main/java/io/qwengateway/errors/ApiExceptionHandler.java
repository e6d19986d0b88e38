package io.qwengateway.errors;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import io.qwengateway.credentials.CredentialUnavailableException;
import io.qwengateway.web.CurrentRequest;
import io.qwengateway.web.JsonBodyCapture;
import io.qwengateway.web.RequestTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidDefinitionException;

/**
 * Every error Spring MVC raises, and every {@link ApiException}, leaves in the envelope of the client's protocol
 * ({@link ErrorRendering}: OpenAI's unless the request speaks another) with the status OpenAI would use. Errors raised outside MVC (filters, the container) are covered by {@link OpenAiErrorController}.
 * Messages are written for the client: no Java or Jackson type, no handler signature, no path of the gateway host
 * ({@link ServerPaths}); what the operator needs goes to the log.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ServerPaths serverPaths;
    private final ErrorRendering rendering;

    public ApiExceptionHandler(ServerPaths serverPaths, ErrorRendering rendering) {
        this.serverPaths = serverPaths;
        this.rendering = rendering;
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<Object> apiError(ApiException error) {
        if (error instanceof CredentialUnavailableException) {
            // The operator must act on this, and only the log may name the gateway's files.
            log.warn("Answered {} {}: {}", error.status().value(), error.code(), error.getMessage());
        }
        return rendering.render(serverPaths.hide(error));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<Object> unreadableBody(HttpMessageNotReadableException error) {
        if (causedBy(error, RequestTooLargeException.class) instanceof RequestTooLargeException tooLarge) {
            return rendering.render(tooLarge.toApiException());
        }
        if (causedBy(error, InvalidDefinitionException.class) != null) {
            return unexpected(error); // the contract's models cannot be bound: the gateway's fault, not the client's
        }
        if (causedBy(error, DatabindException.class) instanceof JacksonException binding) {
            return rendering.render(JsonErrorMessages.binding(binding, JsonBodyCapture.capturedBody().orElse(null)));
        }
        if (causedBy(error, StreamReadException.class) instanceof StreamReadException reading) {
            // Out-of-range numbers fail while binding too, and carry the parameter's path.
            return rendering.render(reading.getPath().isEmpty() ? JsonErrorMessages.syntax(reading)
                    : JsonErrorMessages.binding(reading, JsonBodyCapture.capturedBody().orElse(null)));
        }
        log.debug("Unreadable request body", error);
        return rendering.render(ApiException.invalidRequest("We could not read the body of your request. The body "
                + "must be a JSON object sent with 'Content-Type: application/json'.", null));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<Object> invalidArgument(MethodArgumentNotValidException error) {
        FieldError field = error.getBindingResult().getFieldError();
        if (field == null) {
            return rendering.render(ApiException.invalidRequest("The request is invalid.", null));
        }
        return rendering.render(ApiException.invalidRequest(describe(field), wireName(field.getField())));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<Object> invalidParameters(HandlerMethodValidationException error) {
        String message = error.getParameterValidationResults().stream()
                .map(result -> "'" + result.getMethodParameter().getParameterName() + "' "
                        + result.getResolvableErrors().stream().map(e -> e.getDefaultMessage())
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return rendering.render(ApiException.invalidRequest("Invalid request: " + message + ".", null));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<Object> missingParameter(MissingServletRequestParameterException error) {
        return rendering.render(ApiException.invalidRequest(
                "Missing required parameter: '" + error.getParameterName() + "'.", error.getParameterName()));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    public ResponseEntity<Object> missingHeader(MissingRequestHeaderException error) {
        return rendering.render(ApiException.invalidRequest(
                "Missing required header: '" + error.getHeaderName() + "'.", null));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    public ResponseEntity<Object> badBinding(ServletRequestBindingException error) {
        log.debug("Request binding failed", error);
        return rendering.render(ApiException.invalidRequest("The request is missing a required part.", null));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<Object> wrongParameterType(MethodArgumentTypeMismatchException error) {
        return rendering.render(ApiException.invalidRequest("Invalid value for '" + error.getName() + "'.",
                error.getName()));
    }

    @ExceptionHandler(TypeMismatchException.class)
    public ResponseEntity<Object> typeMismatch(TypeMismatchException error) {
        return rendering.render(ApiException.invalidRequest("Invalid value for '" + error.getPropertyName() + "'.",
                error.getPropertyName()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<Object> unknownRoute(NoResourceFoundException error, HttpServletRequest request) {
        return rendering.render(ApiException.notFound("unknown_url",
                "Invalid URL (" + request.getMethod() + " " + request.getRequestURI() + ")"));
    }

    /**
     * A wrong method is 405 with {@code Allow}; a WebSocket upgrade (a GET to a POST endpoint) is 426 instead. The
     * Codex CLI tries OpenAI's Responses WebSocket mode first when it takes the gateway for OpenAI itself (its
     * built-in provider with {@code openai_base_url}): 426 makes it use HTTP at once, a 405 costs five retries,
     * seconds and error lines on the user's screen (Codex 0.171, docs/clients.md).
     */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Object> wrongMethod(HttpRequestMethodNotSupportedException error,
            HttpServletRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            return rendering.render(new ApiException(HttpStatus.UPGRADE_REQUIRED, "invalid_request_error",
                    "websocket_not_supported", "This gateway serves " + request.getRequestURI() + " over HTTP "
                            + "only, not WebSocket: POST the request (streams are server-sent events)."));
        }
        ResponseEntity<Object> response = rendering.render(new ApiException(HttpStatus.METHOD_NOT_ALLOWED,
                "invalid_request_error", "method_not_allowed",
                "Invalid method for URL (" + request.getMethod() + " " + request.getRequestURI() + "); allowed: "
                        + error.getSupportedHttpMethods()));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        if (error.getSupportedHttpMethods() != null) {
            headers.setAllow(error.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<Object> wrongContentType(HttpMediaTypeNotSupportedException error) {
        return rendering.render(new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error",
                "unsupported_media_type", "Unsupported Content-Type " + error.getContentType()
                        + "; send the body as JSON with 'Content-Type: application/json'."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Object> notAcceptable(HttpMediaTypeNotAcceptableException error) {
        return rendering.render(new ApiException(HttpStatus.NOT_ACCEPTABLE, "invalid_request_error", "not_acceptable",
                "This endpoint answers " + error.getSupportedMediaTypes() + "; check the Accept header."));
    }

    /** The client went away while we were answering: there is nobody left to tell. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(AsyncRequestNotUsableException error) {
        log.debug("Client disconnected: {}", error.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception error) {
        log.error("Unexpected error while serving a request", error);
        return rendering.render(ApiException.serverError(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The gateway failed to serve this request; see the gateway log, quoting the x-request-id header ("
                        + requestId() + ")."));
    }

    private static String requestId() {
        try {
            return CurrentRequest.id();
        } catch (IllegalStateException e) {
            return "req_unknown";
        }
    }

    private static String describe(FieldError field) {
        String code = field.getCode() == null ? "" : field.getCode();
        String name = wireName(field.getField());
        return switch (code) {
            case "NotNull" -> "Missing required parameter: '" + name + "'.";
            case "Size" -> sizeMessage(name, field);
            default -> "Invalid '" + name + "': " + field.getDefaultMessage() + ".";
        };
    }

    /** {@code @Size(min = 1)} on a list reads "size must be between 1 and 2147483647": say it in the user's terms. */
    private static String sizeMessage(String name, FieldError field) {
        Object[] arguments = field.getArguments();
        // Spring passes the constraint's attributes in name order after the field itself: max, then min.
        int max = arguments != null && arguments.length > 2 && arguments[1] instanceof Integer value ? value : -1;
        int min = arguments != null && arguments.length > 2 && arguments[2] instanceof Integer value ? value : -1;
        boolean list = field.getRejectedValue() instanceof java.util.Collection<?>;
        String unit = list ? "" : " characters";
        if (min == 1 && max == Integer.MAX_VALUE) {
            return "'" + name + "' must contain at least one " + (list ? singular(name) : "character") + ".";
        }
        if (max == Integer.MAX_VALUE && min >= 0) {
            return "'" + name + "' must contain at least " + min + (list ? " items" : unit) + ".";
        }
        return "Invalid '" + name + "': " + field.getDefaultMessage() + ".";
    }

    private static String singular(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
        return last.endsWith("s") ? last.substring(0, last.length() - 1) : "item";
    }

    /**
     * The parameter as the client wrote it: bean validation names the generated model's Java properties
     * ({@code maxTokens}), every API here names its fields in snake_case ({@code max_tokens}).
     */
    static String wireName(String propertyPath) {
        return propertyPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Throwable causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
