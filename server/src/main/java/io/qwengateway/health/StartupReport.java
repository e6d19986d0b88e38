package io.qwengateway.health;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.qwengateway.credentials.CredentialStatus;
import io.qwengateway.credentials.LoginHints;
import io.qwengateway.pool.PoolMember;
import io.qwengateway.pool.UpstreamKind;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.pool.UpstreamState;
import io.qwengateway.pool.UpstreamTable;

/**
 * Tells the user, once the server is up, where to point their tools, which upstreams serve (the pool as a table:
 * name, kind, host, models, state; never a secret), and, when an OAuth account cannot serve, how to log in, both
 * ways (the terminal command and the HTTP endpoints of this very server).
 */
@Component
public class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final UpstreamPool pool;
    private final Environment environment;

    public StartupReport(UpstreamPool pool, Environment environment) {
        this.pool = pool;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void report() {
        String base = "http://" + environment.getProperty("server.address", "localhost") + ":"
                + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info("Qwen Gateway ready: OpenAI base URL {}/v1, Swagger UI {}/swagger-ui/index.html, health {}/health",
                base, base, base);
        log.info("Upstream pool ({}, at most {} failovers):\n{}", pool.properties().strategy().name().toLowerCase()
                .replace('_', '-'), pool.properties().maxFailovers(), UpstreamTable.of(pool));
        List<String> loginsNeeded = new ArrayList<>();
        for (PoolMember member : pool.members()) {
            UpstreamState state = pool.stateOf(member);
            CredentialStatus credential = state.credential();
            if (!credential.usable()) {
                log.warn("Upstream {} cannot serve ({}): {}", member.name(), credential.state().wireName(),
                        credential.message());
                if (member.kind() == UpstreamKind.QWEN_OAUTH) {
                    loginsNeeded.add(member.name());
                }
            }
        }
        if (!loginsNeeded.isEmpty()) {
            log.warn(LoginHints.howToLogIn(base));
        }
    }
}
