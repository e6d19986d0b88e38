package io.qwengateway.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.CredentialStatus;
import io.qwengateway.credentials.LoginHints;

/**
 * Tells the user, once the server is up, where to point their tools and whether requests can be served; when they
 * cannot, how to log in, both ways (the terminal command and the HTTP endpoints of this very server).
 */
@Component
public class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final CredentialSource credentials;
    private final Environment environment;

    public StartupReport(CredentialSource credentials, Environment environment) {
        this.credentials = credentials;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void report() {
        String base = "http://" + environment.getProperty("server.address", "localhost") + ":"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info("Qwen Gateway ready: OpenAI base URL {}/v1, Swagger UI {}/swagger-ui/index.html, health {}/health",
                base, base, base);
        CredentialStatus status = credentials.status();
        if (status.usable()) {
            log.info("Upstream credential: {} ({}{})", status.source(), status.state().wireName(),
                    status.expiry() == null ? "" : ", expires " + status.expiry());
        } else {
            log.warn("No usable upstream credential ({}): {}", status.state().wireName(), status.message());
            log.warn(LoginHints.howToLogIn(base));
        }
    }
}
