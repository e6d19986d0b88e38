package io.qwengateway.errors;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.qwengateway.api.model.ErrorResponse;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns an {@link ApiException} into the HTTP response. The content type is set explicitly: streaming clients send
 * {@code Accept: text/event-stream}, and an error before the stream starts must still be plain JSON.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** Writes the error directly, for filters that answer before Spring MVC is involved. */
    public static void write(ApiException error, HttpServletResponse response, ObjectMapper json) throws IOException {
        ResponseEntity<ErrorResponse> entity = of(error);
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        json.writeValue(response.getOutputStream(), entity.getBody());
    }

    public static ResponseEntity<ErrorResponse> of(ApiException error) {
        return ResponseEntity.status(error.status()).headers(headers(error)).body(error.toBody());
    }

    /**
     * The headers of an error answer in every protocol: JSON, when to come back ({@code Retry-After} in whole
     * seconds rounded up, so that a client reading only it does not come back too early, and {@code retry-after-ms}),
     * and {@code x-should-retry: false} when no resend can help ({@link ApiException#resendCannotHelp()}).
     */
    public static HttpHeaders headers(ApiException error) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        error.retryAfter().ifPresent(delay -> {
            long seconds = (delay.toMillis() + 999) / 1000;
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
            headers.set("retry-after-ms", Long.toString(delay.toMillis()));
        });
        if (error.resendCannotHelp()) {
            headers.set("x-should-retry", "false");
        }
        return headers;
    }
}
