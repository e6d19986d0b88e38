package io.qwengateway.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;

/**
 * A port in use, said in the gateway's own terms ({@code PORT}, {@code --server.port}); ordered before Spring Boot's
 * analyzer of the same failure, whose advice ("configure this application") names no setting.
 */
public class PortInUseAnalyzer extends AbstractFailureAnalyzer<PortInUseException> implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PortInUseException cause) {
        int port = cause.getPort();
        int other = port < 65535 ? port + 1 : port - 1;
        return new BriefFailureAnalysis("Port " + port + " is already in use.",
                "Stop the other process or choose another port with PORT=" + other + " or --server.port=" + other + ".",
                cause);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
