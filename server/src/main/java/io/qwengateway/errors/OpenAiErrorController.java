package io.qwengateway.errors;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Replaces Spring Boot's whitelabel page: whatever reaches the container's error dispatch (an exception thrown by a
 * filter, a request the container itself refused) is answered in OpenAI's envelope too. Asked for directly,
 * {@code /error} is no route of the API: 404 like any unknown URL.
 */
@RestController
public class OpenAiErrorController implements ErrorController {

    private final ServerPaths serverPaths;
    private final ErrorRendering rendering;

    public OpenAiErrorController(ServerPaths serverPaths, ErrorRendering rendering) {
        this.serverPaths = serverPaths;
        this.rendering = rendering;
    }

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<Object> error(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.ERROR) {
            return rendering.render(ApiException.notFound("unknown_url",
                    "Invalid URL (" + request.getMethod() + " " + request.getRequestURI() + ")"));
        }
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof ApiException apiException) {
            return rendering.render(serverPaths.hide(apiException));
        }
        HttpStatus status = statusOf(request);
        String type = status.is5xxServerError() ? "server_error" : "invalid_request_error";
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message = status == HttpStatus.NOT_FOUND
                ? "Invalid URL (" + request.getMethod() + " " + uri + ")"
                : status.getReasonPhrase() + " (" + request.getMethod() + " " + uri + ")";
        return rendering.render(new ApiException(status, type, null, message));
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code instanceof Integer value) {
            HttpStatus status = HttpStatus.resolve(value);
            if (status != null && status.isError()) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
