package io.qwengateway.errors;

import io.qwengateway.api.model.ErrorResponse;

/** Builds the OpenAI error envelope from the generated contract models. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    public static ErrorResponse of(String message, String type, String param, String code) {
        return new ErrorResponse(new io.qwengateway.api.model.Error(message, type, param, code));
    }
}
