package io.qwengateway.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.AdminUsageApiDelegate;
import io.qwengateway.errors.ApiException;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code GET /admin/usage?from=&to=}: the usage history as {@code usage --json} prints it. Behind the admin key
 * ({@link io.qwengateway.web.AdminKeyFilter}); 404 when the history is switched off.
 */
@Service
public class UsageDelegate implements AdminUsageApiDelegate {

    /** Seven days, today included, when no range is given (as {@code usage} without {@code --days}). */
    static final int DEFAULT_DAYS = 7;

    private final ObjectProvider<UsageStore> store;
    private final UsageProperties properties;
    private final ObjectMapper json;
    private final Clock clock;

    public UsageDelegate(ObjectProvider<UsageStore> store, UsageProperties properties, ObjectMapper json, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<Object> getUsage(String from, String to) {
        UsageStore history = store.getIfAvailable();
        if (history == null) {
            throw ApiException.notFound("usage_history_off", "The usage history is off (gateway.usage.enabled).");
        }
        LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(properties.zone())) : day(to, "to");
        LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : day(from, "from");
        if (first.isAfter(last)) {
            throw ApiException.invalidRequest("'from' (" + first + ") is after 'to' (" + last + ").", "from");
        }
        UsageReport report = new UsageReport(first, last, properties.zone(), history.between(first, last));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report.toJson(json));
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
