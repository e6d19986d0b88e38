package io.qwengateway.pool;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.AdminUpstreamsApiDelegate;
import io.qwengateway.api.model.UpstreamAction;
import io.qwengateway.api.model.UpstreamList;
import io.qwengateway.api.model.UpstreamStatus;
import io.qwengateway.errors.ApiException;

/**
 * {@code GET /admin/upstreams} and {@code POST /admin/upstreams/{name}/enable|disable|reset}; the admin key is checked
 * before (web.AdminKeyFilter). Each change is logged and answered with the upstream as it stands afterwards.
 */
@Service
public class UpstreamsAdminDelegate implements AdminUpstreamsApiDelegate {

    private final UpstreamPool pool;
    private final UpstreamReports reports;

    public UpstreamsAdminDelegate(UpstreamPool pool, UpstreamReports reports) {
        this.pool = pool;
        this.reports = reports;
    }

    @Override
    public ResponseEntity<UpstreamList> listUpstreams() {
        return ResponseEntity.ok(reports.list());
    }

    @Override
    public ResponseEntity<UpstreamStatus> enableUpstream(String name, UpstreamAction action) {
        PoolMember member = member(name);
        pool.enable(member);
        return ResponseEntity.ok(reports.of(member));
    }

    @Override
    public ResponseEntity<UpstreamStatus> disableUpstream(String name, UpstreamAction action) {
        PoolMember member = member(name);
        String reason = action == null || action.getReason() == null || action.getReason().isBlank() ? ""
                : ": " + action.getReason().strip();
        pool.disable(member, "disabled by the operator" + reason);
        return ResponseEntity.ok(reports.of(member));
    }

    @Override
    public ResponseEntity<UpstreamStatus> resetUpstream(String name, UpstreamAction action) {
        PoolMember member = member(name);
        pool.reset(member);
        return ResponseEntity.ok(reports.of(member));
    }

    private PoolMember member(String name) {
        return pool.member(name).orElseThrow(() -> ApiException.notFound("unknown_upstream",
                "No upstream is named '" + name + "' (GET /admin/upstreams lists them)."));
    }
}
