package io.qwengateway.errors;

import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.http.converter.HttpMessageNotReadableException;

import io.qwengateway.api.model.ErrorResponse;
import io.qwengateway.web.RequestTooLargeException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Every error Spring MVC raises, and every {@link ApiException}, leaves as an OpenAI error envelope with the status
 * OpenAI would use. Errors raised outside MVC (filters, the container) are covered by {@link OpenAiErrorController}.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ErrorResponse> apiError(ApiException error) {
        return ErrorResponses.of(error);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ErrorResponse> unreadableBody(HttpMessageNotReadableException error) {
        if (causedBy(error, RequestTooLargeException.class) instanceof RequestTooLargeException tooLarge) {
            return ErrorResponses.of(tooLarge.toApiException());
        }
        return ErrorResponses.of(ApiException.invalidRequest(
                "We could not parse the JSON body of your request. The body must be a JSON object sent with "
                        + "'Content-Type: application/json'. (" + firstLine(error.getMostSpecificCause().getMessage()) + ")",
                null));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ResponseEntity<ErrorResponse> invalidArgument(MethodArgumentNotValidException error) {
        FieldError field = error.getBindingResult().getFieldError();
        if (field == null) {
            return ErrorResponses.of(ApiException.invalidRequest("Invalid request: " + error.getMessage(), null));
        }
        return ErrorResponses.of(ApiException.invalidRequest(describe(field), field.getField()));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ResponseEntity<ErrorResponse> invalidParameters(HandlerMethodValidationException error) {
        String message = error.getAllErrors().stream()
                .map(e -> e.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(ApiException.invalidRequest("Invalid request: " + message, null));
    }

    @ExceptionHandler(ServletRequestBindingException.class)
    public ResponseEntity<ErrorResponse> badBinding(ServletRequestBindingException error) {
        return ErrorResponses.of(ApiException.invalidRequest(error.getMessage(), null));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ResponseEntity<ErrorResponse> unknownRoute(NoResourceFoundException error, HttpServletRequest request) {
        return ErrorResponses.of(ApiException.notFound("unknown_url",
                "Invalid URL (" + request.getMethod() + " " + request.getRequestURI() + ")"));
    }

    /**
     * A wrong method is 405 with {@code Allow}; a WebSocket upgrade (a GET to a POST endpoint) is 426 instead. The
     * Codex CLI tries OpenAI's Responses WebSocket mode first when it takes the gateway for OpenAI itself (its
     * built-in provider with {@code openai_base_url}): 426 makes it use HTTP at once, a 405 costs five retries,
     * seconds and error lines on the user's screen (Codex 0.171, docs/clients.md).
     */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ErrorResponse> wrongMethod(HttpRequestMethodNotSupportedException error,
            HttpServletRequest request) {
        if ("websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            return ErrorResponses.of(new ApiException(HttpStatus.UPGRADE_REQUIRED, "invalid_request_error",
                    "websocket_not_supported", "This gateway serves " + request.getRequestURI() + " over HTTP "
                            + "only, not WebSocket: POST the request (streams are server-sent events)."));
        }
        ResponseEntity<ErrorResponse> response = ErrorResponses.of(new ApiException(HttpStatus.METHOD_NOT_ALLOWED,
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
    public ResponseEntity<ErrorResponse> wrongContentType(HttpMediaTypeNotSupportedException error) {
        return ErrorResponses.of(new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error",
                "unsupported_media_type", "Unsupported Content-Type " + error.getContentType()
                        + "; send the body as JSON with 'Content-Type: application/json'."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ErrorResponse> notAcceptable(HttpMediaTypeNotAcceptableException error) {
        return ErrorResponses.of(new ApiException(HttpStatus.NOT_ACCEPTABLE, "invalid_request_error", "not_acceptable",
                "This endpoint answers " + error.getSupportedMediaTypes() + "; check the Accept header."));
    }

    /** The client went away while we were answering: there is nobody left to tell. */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(AsyncRequestNotUsableException error) {
        log.debug("Client disconnected: {}", error.getMessage());
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ErrorResponse> unexpected(Exception error) {
        log.error("Unexpected error while serving a request", error);
        return ErrorResponses.of(ApiException.serverError(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The gateway failed to serve this request (" + error.getClass().getSimpleName()
                        + "); see the gateway log, quoting the x-request-id header."));
    }

    private static String describe(FieldError field) {
        String code = field.getCode() == null ? "" : field.getCode();
        return switch (code) {
            case "NotNull" -> "Missing required parameter: '" + field.getField() + "'.";
            case "Size" -> "Invalid '" + field.getField() + "': " + field.getDefaultMessage() + ".";
            default -> "Invalid '" + field.getField() + "': " + field.getDefaultMessage() + ".";
        };
    }

    private static Throwable causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "empty body";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
