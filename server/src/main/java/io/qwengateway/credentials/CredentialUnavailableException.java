package io.qwengateway.credentials;

import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;

/**
 * No usable upstream credential. A missing or dead credential answers 401 (retrying will not help, and the message
 * says how to log in); a passing refresh failure answers 503, which the OpenAI SDKs retry.
 */
public class CredentialUnavailableException extends ApiException {

    private CredentialUnavailableException(HttpStatus status, String type, String code, String message) {
        super(status, type, code, message);
    }

    public static CredentialUnavailableException loginRequired(String message) {
        return new CredentialUnavailableException(HttpStatus.UNAUTHORIZED, "authentication_error",
                "upstream_credentials_unusable", message);
    }

    public static CredentialUnavailableException temporarily(String message) {
        return new CredentialUnavailableException(HttpStatus.SERVICE_UNAVAILABLE, "server_error",
                "upstream_credentials_refresh_failed", message);
    }
}
