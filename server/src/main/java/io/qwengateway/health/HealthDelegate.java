package io.qwengateway.health;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.HealthApiDelegate;
import io.qwengateway.api.model.CredentialHealth;
import io.qwengateway.api.model.HealthResponse;
import io.qwengateway.credentials.CredentialStatus;
import io.qwengateway.errors.ServerPaths;
import io.qwengateway.pool.PoolMember;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.pool.UpstreamReports;
import io.qwengateway.upstream.UpstreamProperties;

/**
 * {@code GET /health}: always 200 while the gateway runs (it is a liveness probe), with {@code status} {@code ok}
 * (some upstream can serve) or {@code degraded}, each upstream's state, and, as before pools, the first upstream's
 * credential (state, expiry, what to do about it). Never a token or a key.
 */
@Service
public class HealthDelegate implements HealthApiDelegate {

    private final UpstreamPool pool;
    private final UpstreamReports reports;
    private final UpstreamProperties upstream;
    private final ServerPaths serverPaths;

    public HealthDelegate(UpstreamPool pool, UpstreamReports reports, UpstreamProperties upstream,
            ServerPaths serverPaths) {
        this.pool = pool;
        this.reports = reports;
        this.upstream = upstream;
        this.serverPaths = serverPaths;
    }

    @Override
    public ResponseEntity<HealthResponse> getHealth() {
        PoolMember first = pool.members().get(0);
        CredentialStatus status = first.credentials().status();
        CredentialHealth credential = new CredentialHealth(status.source(), status.state().wireName())
                // /health answers without a client key: the gateway's own paths stay in its log.
                .message(serverPaths.hide(status.message()));
        if (status.expiry() != null) {
            credential.expiryDate(status.expiry().toEpochMilli()).expiresAt(status.expiry().toString());
        }
        boolean serving = pool.members().stream().anyMatch(member -> pool.stateOf(member).ok());
        HealthResponse health = new HealthResponse(serving ? "ok" : "degraded", credential)
                .version(version())
                .upstreams(reports.all());
        health.upstreamBaseUrl(upstream.hasBaseUrlOverride() ? upstream.baseUrl() : first.baseUrl());
        return ResponseEntity.ok(health);
    }

    private static String version() {
        String version = HealthDelegate.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
