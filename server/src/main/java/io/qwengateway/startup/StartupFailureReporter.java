package io.qwengateway.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;
import org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.Ordered;

/**
 * Reports a {@link BriefFailureAnalysis} as one log line. Spring Boot hands every analysis to every reporter, so for
 * those this one, ordered first, switches off the logger of {@link LoggingFailureAnalysisReporter}, which would
 * print the same failure again as its multi-line block; any other failure is left to that reporter as usual.
 */
public class StartupFailureReporter implements FailureAnalysisReporter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(StartupFailureReporter.class);

    @Override
    public void report(FailureAnalysis analysis) {
        if (analysis instanceof BriefFailureAnalysis brief) {
            LoggingSystem.get(StartupFailureReporter.class.getClassLoader())
                    .setLogLevel(LoggingFailureAnalysisReporter.class.getName(), LogLevel.OFF);
            log.debug("Application failed to start", brief.getCause());
            log.error(brief.line());
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
