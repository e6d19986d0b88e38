package io.qwengateway.simulator.oauth;

/** A request the OAuth endpoints refuse with 400 and an RFC 6749 error code, because the client got it wrong. */
final class FormRejected extends Exception {

    private final String error;

    FormRejected(String error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    static FormRejected invalidRequest(String description) {
        return new FormRejected("invalid_request", description);
    }

    String error() {
        return error;
    }

    String description() {
        return getMessage();
    }
}
