package io.qwengateway.conformance.scenarios;

import java.net.http.HttpResponse;

import io.qwengateway.conformance.recording.RecordedCall;

/** What a client needs from the gateway's answer to one of its requests; throws an AssertionError when unmet. */
@FunctionalInterface
public interface WireExpectation {

    void check(RecordedCall request, HttpResponse<String> response);

    /** This check, then {@code next}. */
    default WireExpectation and(WireExpectation next) {
        return (request, response) -> {
            check(request, response);
            next.check(request, response);
        };
    }
}
