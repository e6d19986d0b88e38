package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;

import io.qwengateway.api.model.Error;
import io.qwengateway.api.model.ErrorResponse;
import io.qwengateway.web.RequestTooLargeException;

class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    private static Error errorOf(ResponseEntity<ErrorResponse> response) {
        return response.getBody().getError();
    }

    @Test
    void aBodyTooLargeWhileReadingIsA413NotAParseError() {
        HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException("I/O error",
                new java.io.UncheckedIOException(new RequestTooLargeException(1024)), new MockHttpInputMessage(new byte[0]));

        ResponseEntity<ErrorResponse> response = handler.unreadableBody(unreadable);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(errorOf(response).getCode()).isEqualTo("request_too_large");
        assertThat(errorOf(response).getMessage()).contains("1024 bytes");
    }

    @Test
    void unreadableJsonIsA400QuotingTheParsersFirstLine() {
        HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException("JSON parse error",
                new IllegalArgumentException("Unexpected character ('}')\n at [Source: (byte[])...]"),
                new MockHttpInputMessage(new byte[0]));

        ResponseEntity<ErrorResponse> response = handler.unreadableBody(unreadable);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorOf(response).getType()).isEqualTo("invalid_request_error");
        assertThat(errorOf(response).getMessage()).contains("(Unexpected character ('}'))").doesNotContain("Source");
    }

    @Test
    void aMissingRequiredFieldNamesTheParameter() throws Exception {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Object(), "request");
        result.addError(new FieldError("request", "messages", null, false, new String[] {"NotNull"}, null,
                "must not be null"));
        Method method = ApiExceptionHandlerTest.class.getDeclaredMethod("endpoint", Object.class);

        ResponseEntity<ErrorResponse> response = handler.invalidArgument(
                new MethodArgumentNotValidException(new MethodParameter(method, 0), result));

        assertThat(errorOf(response).getMessage()).isEqualTo("Missing required parameter: 'messages'.");
        assertThat(errorOf(response).getParam()).isEqualTo("messages");
    }

    @Test
    void anUnknownRouteIsInvalidUrl() {
        ResponseEntity<ErrorResponse> response = handler.unknownRoute(null,
                new MockHttpServletRequest("POST", "/v1/responses"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(errorOf(response).getMessage()).isEqualTo("Invalid URL (POST /v1/responses)");
        assertThat(errorOf(response).getCode()).isEqualTo("unknown_url");
    }

    @Test
    void aWrongMethodIs405WithAllowAndAJsonBody() {
        ResponseEntity<ErrorResponse> response = handler.wrongMethod(
                new HttpRequestMethodNotSupportedException("GET", Set.of("POST")),
                new MockHttpServletRequest("GET", "/v1/chat/completions"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(response.getHeaders().getAllow()).containsExactly(HttpMethod.POST);
        assertThat(response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
    }

    @Test
    void aWebSocketUpgradeOfAPostEndpointIs426SoThatCodexFallsBackToHttpAtOnce() {
        MockHttpServletRequest upgrade = new MockHttpServletRequest("GET", "/v1/responses");
        upgrade.addHeader(HttpHeaders.UPGRADE, "websocket");
        MockHttpServletRequest h2c = new MockHttpServletRequest("GET", "/v1/responses");
        h2c.addHeader(HttpHeaders.UPGRADE, "h2c");

        ResponseEntity<ErrorResponse> refused = handler.wrongMethod(
                new HttpRequestMethodNotSupportedException("GET", Set.of("POST")), upgrade);
        ResponseEntity<ErrorResponse> plain = handler.wrongMethod(
                new HttpRequestMethodNotSupportedException("GET", Set.of("POST")), h2c);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UPGRADE_REQUIRED);
        assertThat(errorOf(refused).getCode()).isEqualTo("websocket_not_supported");
        assertThat(refused.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(plain.getStatusCode()).as("Java's client asks every GET for h2c").isEqualTo(
                HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void anUnexpectedFailureIsA500ThatLeaksNoDetail() {
        ResponseEntity<ErrorResponse> response = handler.unexpected(new IllegalStateException("token=secret-value"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(errorOf(response).getMessage()).contains("IllegalStateException", "x-request-id")
                .doesNotContain("secret-value");
    }

    @SuppressWarnings("unused")
    private void endpoint(Object request) {
        // the handler method a validation error belongs to
    }
}
