package io.qwengateway.health;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.HealthApiDelegate;
import io.qwengateway.api.model.CredentialHealth;
import io.qwengateway.api.model.HealthResponse;
import io.qwengateway.api.model.RedisHealth;
import io.qwengateway.cluster.SharedState;
import io.qwengateway.credentials.CredentialStatus;
import io.qwengateway.errors.ServerPaths;
import io.qwengateway.pool.PoolMember;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.pool.UpstreamReports;
import io.qwengateway.upstream.UpstreamProperties;

/**
 * {@code GET /health}: always 200 while the gateway runs (it is a liveness probe), with {@code status} {@code ok}
 * (some upstream can serve) or {@code degraded}, each upstream's state, and, as before pools, the first upstream's
 * credential (state, expiry, what to do about it). With Redis ({@code REDIS_URL}) its state too: a replica that
 * cannot use it is degraded, though it keeps serving from its local state. Never a token, a key or a password.
 */
@Service
public class HealthDelegate implements HealthApiDelegate {

    private final UpstreamPool pool;
    private final UpstreamReports reports;
    private final UpstreamProperties upstream;
    private final ServerPaths serverPaths;
    private final SharedState redis;

    public HealthDelegate(UpstreamPool pool, UpstreamReports reports, UpstreamProperties upstream,
            ServerPaths serverPaths, ObjectProvider<SharedState> redis) {
        this.pool = pool;
        this.reports = reports;
        this.upstream = upstream;
        this.serverPaths = serverPaths;
        this.redis = redis.getIfAvailable();
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
        RedisHealth shared = redis == null ? null : redisHealth();
        boolean degraded = !serving || shared != null && !shared.getReachable();
        HealthResponse health = new HealthResponse(degraded ? "degraded" : "ok", credential)
                .version(version())
                .upstreams(reports.all())
                .redis(shared);
        health.upstreamBaseUrl(upstream.hasBaseUrlOverride() ? upstream.baseUrl() : first.baseUrl());
        return ResponseEntity.ok(health);
    }

    private RedisHealth redisHealth() {
        boolean reachable = redis.reachable();
        List<String> shared = redis.users();
        // The error comes from the client library: it names the address at most, never the password.
        return new RedisHealth(reachable, redis.where(), shared, reachable ? List.of() : shared)
                .lastError(redis.lastError());
    }

    private static String version() {
        String version = HealthDelegate.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
