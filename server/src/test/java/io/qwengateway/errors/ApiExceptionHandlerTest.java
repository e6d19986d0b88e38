package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
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
import io.qwengateway.api.model.CreateChatCompletionRequest;
import io.qwengateway.credentials.CredentialUnavailableException;
import io.qwengateway.credentials.LoginHints;
import io.qwengateway.web.RequestTooLargeException;
import io.qwengateway.web.StrictContractBinding;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(new ServerPaths(Path.of("/srv/qwen-home")),
            ErrorRendering.openAiOnly(new JsonMapper()));

    private static Error errorOf(ResponseEntity<Object> response) {
        return ((ErrorResponse) response.getBody()).getError();
    }

    @Test
    void aBodyTooLargeWhileReadingIsA413NotAParseError() {
        HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException("I/O error",
                new java.io.UncheckedIOException(new RequestTooLargeException(1024)), new MockHttpInputMessage(new byte[0]));

        ResponseEntity<Object> response = handler.unreadableBody(unreadable);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(errorOf(response).getCode()).isEqualTo("request_too_large");
        assertThat(errorOf(response).getMessage()).contains("1024 bytes");
    }

    @Test
    void anUnreadableBodyOfUnknownCauseIsA400ThatQuotesNothingOfTheCause() {
        HttpMessageNotReadableException unreadable = new HttpMessageNotReadableException(
                "Required request body is missing: public ResponseEntity io.qwengateway.api.ChatApi.create(...)",
                new IllegalArgumentException("at [Source: (byte[])...] java.lang.String"),
                new MockHttpInputMessage(new byte[0]));

        ResponseEntity<Object> response = handler.unreadableBody(unreadable);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorOf(response).getType()).isEqualTo("invalid_request_error");
        assertThat(errorOf(response).getMessage()).contains("JSON object")
                .doesNotContain("Source", "java.", "io.qwengateway", "Required request body");
    }

    @Test
    void aWronglyTypedParameterNamesItsPathAndTheExpectedType() {
        JsonMapper strict = StrictContractBinding.strict(JsonMapper.builder().build());
        HttpMessageNotReadableException unreadable = bindingFailure(strict,
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"tool_calls\":[{\"id\":7}]}]}");

        Error error = errorOf(handler.unreadableBody(unreadable));

        assertThat(error.getParam()).isEqualTo("messages[0].tool_calls[0].id");
        assertThat(error.getMessage()).isEqualTo(
                "Invalid type for 'messages[0].tool_calls[0].id': expected a string.");
    }

    private static HttpMessageNotReadableException bindingFailure(JsonMapper strict, String body) {
        try {
            strict.readValue(body, CreateChatCompletionRequest.class);
        } catch (JacksonException e) {
            return new HttpMessageNotReadableException("JSON parse error", e, new MockHttpInputMessage(new byte[0]));
        }
        throw new AssertionError("expected a binding failure for " + body);
    }

    @Test
    void anEmptyListWhereOneItemIsNeededSaysSoInTheUsersTerms() throws Exception {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Object(), "request");
        result.addError(new FieldError("request", "messages", java.util.List.of(), false, new String[] {"Size"},
                new Object[] {null, Integer.MAX_VALUE, 1}, "size must be between 1 and 2147483647"));
        Method method = ApiExceptionHandlerTest.class.getDeclaredMethod("endpoint", Object.class);

        ResponseEntity<Object> response = handler.invalidArgument(
                new MethodArgumentNotValidException(new MethodParameter(method, 0), result));

        assertThat(errorOf(response).getMessage()).isEqualTo("'messages' must contain at least one message.");
        assertThat(errorOf(response).getParam()).isEqualTo("messages");
    }

    @Test
    void aCredentialProblemTellsTheClientWhatToDoButNotWhereTheGatewaysFilesAre() {
        ResponseEntity<Object> response = handler.apiError(CredentialUnavailableException.loginRequired(
                "No Qwen credentials at /srv/qwen-home/oauth_creds.json. " + LoginHints.howToLogIn()));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(errorOf(response).getMessage())
                .startsWith("No Qwen credentials at <qwen home>/oauth_creds.json.")
                .contains("POST /auth/initiate")
                .doesNotContain("/srv/qwen-home");
    }

    @Test
    void aMissingRequiredFieldNamesTheParameter() throws Exception {
        BeanPropertyBindingResult result = new BeanPropertyBindingResult(new Object(), "request");
        result.addError(new FieldError("request", "messages", null, false, new String[] {"NotNull"}, null,
                "must not be null"));
        Method method = ApiExceptionHandlerTest.class.getDeclaredMethod("endpoint", Object.class);

        ResponseEntity<Object> response = handler.invalidArgument(
                new MethodArgumentNotValidException(new MethodParameter(method, 0), result));

        assertThat(errorOf(response).getMessage()).isEqualTo("Missing required parameter: 'messages'.");
        assertThat(errorOf(response).getParam()).isEqualTo("messages");
    }

    @Test
    void anUnknownRouteIsInvalidUrl() {
        ResponseEntity<Object> response = handler.unknownRoute(null,
                new MockHttpServletRequest("POST", "/v1/responses"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(errorOf(response).getMessage()).isEqualTo("Invalid URL (POST /v1/responses)");
        assertThat(errorOf(response).getCode()).isEqualTo("unknown_url");
    }

    @Test
    void aWrongMethodIs405WithAllowAndAJsonBody() {
        ResponseEntity<Object> response = handler.wrongMethod(
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

        ResponseEntity<Object> refused = handler.wrongMethod(
                new HttpRequestMethodNotSupportedException("GET", Set.of("POST")), upgrade);
        ResponseEntity<Object> plain = handler.wrongMethod(
                new HttpRequestMethodNotSupportedException("GET", Set.of("POST")), h2c);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UPGRADE_REQUIRED);
        assertThat(errorOf(refused).getCode()).isEqualTo("websocket_not_supported");
        assertThat(refused.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(plain.getStatusCode()).as("Java's client asks every GET for h2c").isEqualTo(
                HttpStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void anUnexpectedFailureIsA500ThatLeaksNoDetail() {
        ResponseEntity<Object> response = handler.unexpected(new IllegalStateException("token=secret-value"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(errorOf(response).getMessage()).contains("x-request-id")
                .doesNotContain("secret-value", "IllegalStateException", "Exception");
    }

    @SuppressWarnings("unused")
    private void endpoint(Object request) {
        // the handler method a validation error belongs to
    }
}
