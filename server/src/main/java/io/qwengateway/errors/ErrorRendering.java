package io.qwengateway.errors;

import java.io.IOException;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * Answers an error in the envelope of the protocol the request speaks: the first {@link ErrorRenderer} that applies,
 * else OpenAI's. Used by the exception handler, the error controller and the filters that answer before Spring MVC.
 */
@Component
public class ErrorRendering {

    private final List<ErrorRenderer> renderers;
    private final ObjectMapper json;

    public ErrorRendering(List<ErrorRenderer> renderers, ObjectMapper json) {
        this.renderers = List.copyOf(renderers);
        this.json = json;
    }

    /** OpenAI's envelope only, for tests of components that answer errors. */
    public static ErrorRendering openAiOnly(ObjectMapper json) {
        return new ErrorRendering(List.of(), json);
    }

    /** The error for the request being served (OpenAI's envelope when there is none). */
    public ResponseEntity<Object> render(ApiException error) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        HttpServletRequest request = attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
        return render(error, request);
    }

    public ResponseEntity<Object> render(ApiException error, HttpServletRequest request) {
        if (request != null) {
            for (ErrorRenderer renderer : renderers) {
                if (renderer.appliesTo(request)) {
                    return renderer.render(error);
                }
            }
        }
        ResponseEntity<?> openAi = ErrorResponses.of(error);
        return new ResponseEntity<>(openAi.getBody(), openAi.getHeaders(), openAi.getStatusCode());
    }

    /** Writes the error directly, for filters that answer before Spring MVC is involved. */
    public void write(ApiException error, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResponseEntity<Object> entity = render(error, request);
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        json.writeValue(response.getOutputStream(), entity.getBody());
    }
}
