package io.qwengateway.web;

import java.io.IOException;

import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;

/** Raised while reading a request body that grew past the configured limit. */
public class RequestTooLargeException extends IOException {

    private final long limitBytes;

    public RequestTooLargeException(long limitBytes) {
        super("Request body exceeds " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public ApiException toApiException() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error", "request_too_large",
                "The request body exceeds the gateway's limit of " + limitBytes
                        + " bytes (gateway.web.max-request-size).");
    }
}
