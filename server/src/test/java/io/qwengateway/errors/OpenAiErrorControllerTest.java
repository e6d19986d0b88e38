package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import io.qwengateway.api.model.ErrorResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;

class OpenAiErrorControllerTest {

    private final OpenAiErrorController controller = new OpenAiErrorController(
            new ServerPaths(Path.of("/srv/qwen-home")), ErrorRendering.openAiOnly(new tools.jackson.databind.json.JsonMapper()));

    private static MockHttpServletRequest errorDispatch(String method, String uri, Object status) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/error");
        request.setDispatcherType(DispatcherType.ERROR);
        request.setAttribute(RequestDispatcher.ERROR_REQUEST_URI, uri);
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
        return request;
    }

    @Test
    void anUnknownRouteIsOpenAisInvalidUrlError() {
        ResponseEntity<Object> response = controller.error(errorDispatch("POST", "/v1/nope", 404));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(((ErrorResponse) response.getBody()).getError().getMessage()).isEqualTo("Invalid URL (POST /v1/nope)");
        assertThat(((ErrorResponse) response.getBody()).getError().getType()).isEqualTo("invalid_request_error");
    }

    @Test
    void anApiExceptionThrownByAFilterIsAnsweredAsItSays() {
        MockHttpServletRequest request = errorDispatch("POST", "/v1/chat/completions", 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION,
                new ApiException(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error", "request_too_large", "too big"));

        ResponseEntity<Object> response = controller.error(request);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(((ErrorResponse) response.getBody()).getError().getCode()).isEqualTo("request_too_large");
    }

    @Test
    void otherContainerErrorsKeepTheirStatusAndAreTypedByIt() {
        ResponseEntity<Object> tooLarge = controller.error(errorDispatch("POST", "/v1/embeddings", 413));
        ResponseEntity<Object> unavailable = controller.error(errorDispatch("GET", "/v1/models", 503));

        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(((ErrorResponse) tooLarge.getBody()).getError().getType()).isEqualTo("invalid_request_error");
        assertThat(((ErrorResponse) tooLarge.getBody()).getError().getMessage()).contains("POST /v1/embeddings");
        assertThat(((ErrorResponse) unavailable.getBody()).getError().getType()).isEqualTo("server_error");
    }

    @Test
    void aMissingOrNonErrorStatusIsAServerError() {
        assertThat(controller.error(errorDispatch("GET", "/x", null)).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(controller.error(errorDispatch("GET", "/x", 200)).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void askedForDirectlyTheErrorPathIsAnUnknownUrl() {
        ResponseEntity<Object> response = controller.error(new MockHttpServletRequest("GET", "/error"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(((ErrorResponse) response.getBody()).getError().getCode()).isEqualTo("unknown_url");
        assertThat(((ErrorResponse) response.getBody()).getError().getMessage()).isEqualTo("Invalid URL (GET /error)");
    }

    @Test
    void anApiExceptionFromAFilterKeepsTheGatewaysPathsToItself() {
        MockHttpServletRequest request = errorDispatch("POST", "/v1/chat/completions", 401);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new ApiException(HttpStatus.UNAUTHORIZED,
                "authentication_error", "upstream_credentials_unusable",
                "No Qwen credentials at /srv/qwen-home/oauth_creds.json."));

        assertThat(((ErrorResponse) controller.error(request).getBody()).getError().getMessage())
                .isEqualTo("No Qwen credentials at <qwen home>/oauth_creds.json.");
    }
}
