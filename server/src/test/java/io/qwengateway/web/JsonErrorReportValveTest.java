package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.qwengateway.errors.ApiException;

class JsonErrorReportValveTest {

    @ParameterizedTest
    @CsvSource({
            "400, invalid_request_error, bad_request",
            "404, invalid_request_error, not_found",
            "413, invalid_request_error, content_too_large",
            "501, invalid_request_error, not_implemented",
            "505, invalid_request_error, http_version_not_supported",
            "500, server_error, internal_server_error",
            "599, invalid_request_error, bad_request"})
    void eachStatusHasATypeAndCodeAndAMessageOfItsOwn(int status, String type, String code) {
        ApiException error = JsonErrorReportValve.errorFor(status);

        assertThat(error.type()).isEqualTo(type);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.getMessage()).isNotBlank().doesNotContain("Exception", "Tomcat");
    }
}
