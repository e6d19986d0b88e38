package io.qwengateway.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start failure the user can fix from one sentence (a port in use): {@link StartupFailureReporter} prints it on one
 * line, without Spring's failure-analysis block.
 */
class BriefFailureAnalysis extends FailureAnalysis {

    BriefFailureAnalysis(String description, String action, Throwable cause) {
        super(description, action, cause);
    }

    String line() {
        return getDescription() + " " + getAction();
    }
}
