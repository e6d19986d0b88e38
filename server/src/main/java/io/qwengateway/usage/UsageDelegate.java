package io.qwengateway.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.AdminUsageApiDelegate;
import io.qwengateway.errors.ApiException;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /admin/usage?from=&to=&scope=}: the usage history as {@code usage --json} prints it. Behind the admin
 * key ({@link io.qwengateway.web.AdminKeyFilter}); 404 when the history is switched off. With Redis the answer is
 * every replica's usage ({@link ClusterUsage}) unless {@code scope=replica} asks for this replica's own, or Redis
 * cannot be reached; it says which ({@code scope}).
 */
@Service
public class UsageDelegate implements AdminUsageApiDelegate {

    /** Seven days, today included, when no range is given (as {@code usage} without {@code --days}). */
    static final int DEFAULT_DAYS = 7;

    static final String CLUSTER = "cluster";
    static final String REPLICA = "replica";

    private final ObjectProvider<UsageStore> store;
    private final ObjectProvider<ClusterUsage> cluster;
    private final UsageProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public UsageDelegate(ObjectProvider<UsageStore> store, ObjectProvider<ClusterUsage> cluster,
            UsageProperties properties, ObjectMapper json, Clock clock) {
        this.store = store;
        this.cluster = cluster;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<Object> getUsage(String from, String to, String scope) {
        UsageStore history = store.getIfAvailable();
        if (history == null) {
            throw ApiException.notFound("usage_history_off", "The usage history is off (gateway.usage.enabled).");
        }
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(properties.zone())) : day(to, "to");
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : day(from, "from");
        if (first.isAfter(last)) {
            throw ApiException.invalidRequest("'from' (" + first + ") is after 'to' (" + last + ").", "from");
        }
        UsageReport report = report(history, first, last, scope == null ? "" : scope.strip());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report.toJson(json));
    }

    private UsageReport report(UsageStore history, LocalDate first, LocalDate last, String scope) {
        ClusterUsage totals = cluster.getIfAvailable();
        if (!scope.isEmpty() && !scope.equals(CLUSTER) && !scope.equals(REPLICA)) {
            throw ApiException.invalidRequest("Invalid 'scope': '" + scope + "'. Use cluster or replica.", "scope");
        }
        if (scope.equals(CLUSTER) && totals == null) {
            throw ApiException.invalidRequest("There is no cluster to report: this gateway shares no state "
                    + "(REDIS_URL is not set). Leave out 'scope', or ask for scope=replica.", "scope");
        }
        if (totals != null && !scope.equals(REPLICA)) {
            Optional<List<UsageRow>> everyReplica = totals.between(first, last);
            if (everyReplica.isPresent()) {
                return new UsageReport(first, last, properties.zone(), CLUSTER, everyReplica.get());
            }
        }
        // Without Redis and without a scope asked for, the answer is as it has always been: no scope in it.
        String shown = totals == null && scope.isEmpty() ? null : REPLICA;
        return new UsageReport(first, last, properties.zone(), shown, history.between(first, last));
    }

    private static LocalDate day(String value, String param) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalidRequest("Invalid '" + param + "': '" + value + "'. Use a date as YYYY-MM-DD.",
                    param);
        }
    }
}
