package io.qwengateway.pool;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.qwengateway.api.model.UpstreamList;
import io.qwengateway.api.model.UpstreamStatus;
import io.qwengateway.errors.ServerPaths;

/**
 * The pool as {@code /health} and the admin routes show it: each upstream's kind, host, models, state and counters.
 * Never a key or a token (the credentials are not read for it), and, since {@code /health} answers without a client
 * key, no path of the gateway host.
 */
@Component
public class UpstreamReports {

    private final UpstreamPool pool;
    private final ServerPaths serverPaths;

    public UpstreamReports(UpstreamPool pool, ServerPaths serverPaths) {
        this.pool = pool;
        this.serverPaths = serverPaths;
    }

    public List<UpstreamStatus> all() {
        return pool.members().stream().map(this::of).toList();
    }

    public UpstreamList list() {
        return new UpstreamList("list", pool.properties().strategy().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                pool.properties().maxFailovers(), all());
    }

    public UpstreamStatus of(PoolMember member) {
        UpstreamState state = pool.stateOf(member);
        return new UpstreamStatus(member.name(), member.kind().wireName(), state.state(), member.requests(),
                member.failures())
                .host(host(member.baseUrl()))
                .models(member.models().listed())
                .weight(member.weight())
                .rpm(pool.rpm(member))
                .until(time(state.until()))
                .reason(state.reason())
                .message(serverPaths.hide(state.message()))
                .credentialState(state.credential().state().wireName())
                .lastError(member.lastError())
                .lastErrorAt(time(member.lastErrorAt()));
    }

    /** {@code dashscope.aliyuncs.com}, or with its port; null when not known yet (an OAuth upstream before login). */
    static String host(String baseUrl) {
        if (baseUrl == null) {
            return null;
        }
        try {
            URI uri = URI.create(baseUrl);
            return uri.getHost() == null ? null : uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
