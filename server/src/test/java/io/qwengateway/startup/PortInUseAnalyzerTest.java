package io.qwengateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;

class PortInUseAnalyzerTest {

    private final PortInUseAnalyzer analyzer = new PortInUseAnalyzer();

    @Test
    void aPortInUseDeepInTheFailureIsOneSentenceNamingPortAndServerPort() {
        FailureAnalysis analysis = analyzer.analyze(new ApplicationContextException("Failed to start bean",
                new PortInUseException(8080)));

        assertThat(analysis).isInstanceOf(BriefFailureAnalysis.class);
        assertThat(((BriefFailureAnalysis) analysis).line()).isEqualTo("Port 8080 is already in use. Stop the other"
                + " process or choose another port with PORT=8081 or --server.port=8081.");
    }

    @Test
    void theHighestPortSuggestsTheOneBelow() {
        FailureAnalysis analysis = analyzer.analyze(new PortInUseException(65535));

        assertThat(analysis.getAction()).contains("PORT=65534");
    }

    @Test
    void otherFailuresAreLeftToSpringBoot() {
        assertThat(analyzer.analyze(new IllegalStateException("something else"))).isNull();
    }
}
