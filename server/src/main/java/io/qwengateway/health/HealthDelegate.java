package io.qwengateway.health;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.HealthApiDelegate;
import io.qwengateway.api.model.CredentialHealth;
import io.qwengateway.api.model.HealthResponse;
import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.CredentialStatus;
import io.qwengateway.errors.ServerPaths;
import io.qwengateway.upstream.UpstreamProperties;

/**
 * {@code GET /health}: always 200 while the gateway runs (it is a liveness probe), with {@code status} {@code ok} or
 * {@code degraded} and the credential's state, expiry and what to do about it. Never a token.
 */
@Service
public class HealthDelegate implements HealthApiDelegate {

    private final CredentialSource credentials;
    private final UpstreamProperties upstream;
    private final ServerPaths serverPaths;

    public HealthDelegate(CredentialSource credentials, UpstreamProperties upstream, ServerPaths serverPaths) {
        this.credentials = credentials;
        this.upstream = upstream;
        this.serverPaths = serverPaths;
    }

    @Override
    public ResponseEntity<HealthResponse> getHealth() {
        CredentialStatus status = credentials.status();
        CredentialHealth credential = new CredentialHealth(status.source(), status.state().wireName())
                // /health answers without a client key: the gateway's own paths stay in its log.
                .message(serverPaths.hide(status.message()));
        if (status.expiry() != null) {
            credential.expiryDate(status.expiry().toEpochMilli()).expiresAt(status.expiry().toString());
        }
        HealthResponse health = new HealthResponse(status.usable() ? "ok" : "degraded", credential)
                .version(version());
        health.upstreamBaseUrl(upstream.hasBaseUrlOverride() ? upstream.baseUrl()
                : credentials.baseUrl().orElse(null));
        return ResponseEntity.ok(health);
    }

    private static String version() {
        String version = HealthDelegate.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
