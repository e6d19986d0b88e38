package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import io.qwengateway.api.model.ErrorResponse;
import tools.jackson.databind.json.JsonMapper;

class ErrorResponsesTest {

    private static ResponseEntity<ErrorResponse> rateLimited(Duration retryAfter) {
        return ErrorResponses.of(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "requests", "rate_limit_exceeded", null,
                "slow down", retryAfter));
    }

    @Test
    void anErrorIsOpenAisEnvelopeInJsonWhateverTheClientAccepts() {
        ResponseEntity<ErrorResponse> response = ErrorResponses.of(ApiException.invalidRequest("Bad 'n'.", "n"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(new JsonMapper().writeValueAsString(response.getBody())).isEqualTo(
                "{\"error\":{\"message\":\"Bad 'n'.\",\"type\":\"invalid_request_error\",\"param\":\"n\",\"code\":null}}");
    }

    @Test
    void whatNoResendCanFixTellsTheSdksNotToResend() {
        assertThat(ErrorResponses.of(new ApiException(HttpStatus.TOO_MANY_REQUESTS, "insufficient_quota",
                "insufficient_quota", "Quota spent.")).getHeaders().getFirst("x-should-retry")).isEqualTo("false");
        assertThat(ErrorResponses.of(new ApiException(HttpStatus.UNAUTHORIZED, "invalid_request_error",
                "invalid_api_key", "Wrong key.")).getHeaders().getFirst("x-should-retry")).isEqualTo("false");
        assertThat(rateLimited(Duration.ofSeconds(2)).getHeaders().containsHeader("x-should-retry"))
                .as("a throttle passes: the SDKs may come back").isFalse();
        assertThat(ErrorResponses.of(ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_error", "x"))
                .getHeaders().containsHeader("x-should-retry")).isFalse();
    }

    @Test
    void retryHeadersAreSentOnlyWhenThereIsADelay() {
        HttpHeaders headers = rateLimited(null).getHeaders();

        assertThat(headers.containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
        assertThat(headers.containsHeader("retry-after-ms")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> Retry-After {1}, retry-after-ms {2}")
    @CsvSource({"PT7S, 7, 7000", "PT0.3S, 1, 300", "PT2.5S, 3, 2500", "PT0S, 1, 0"})
    void aDelayIsSentInWholeSecondsNeverEarlierAndInMilliseconds(Duration delay, String seconds, String millis) {
        HttpHeaders headers = rateLimited(delay).getHeaders();

        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo(seconds);
        assertThat(headers.getFirst("retry-after-ms")).isEqualTo(millis);
    }
}
