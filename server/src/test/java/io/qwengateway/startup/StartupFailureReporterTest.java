package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReporterTest {

    private final StartupFailureReporter brief = new StartupFailureReporter();
    private final LoggingFailureAnalysisReporter springBoots = new LoggingFailureAnalysisReporter();

    @AfterEach
    void restoreSpringBootsReporter() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(LoggingFailureAnalysisReporter.class.getName(), null);
    }

    @Test
    void aBriefAnalysisIsOneLineAndNotRepeatedAsSpringBootsBlock(CapturedOutput output) {
        FailureAnalysis analysis = new BriefFailureAnalysis("Port 8080 is already in use.", "Choose another.", null);

        brief.report(analysis);
        springBoots.report(analysis);

        assertThat(output.getOut().lines().filter(line -> line.contains("Port 8080"))).singleElement()
                .asString().endsWith("Port 8080 is already in use. Choose another.");
        assertThat(output.getOut()).doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void anyOtherAnalysisIsLeftToSpringBoot(CapturedOutput output) {
        FailureAnalysis analysis = new FailureAnalysis("Failed to bind properties.", "Update the configuration.", null);

        brief.report(analysis);
        springBoots.report(analysis);

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START").contains("Failed to bind properties.");
    }
}
