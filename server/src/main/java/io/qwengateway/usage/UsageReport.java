package io.qwengateway.usage;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The usage between two days, as {@code GET /admin/usage} and {@code usage --json} give it (one JSON shape for
 * both) and as {@code usage} prints it (a table, with a total).
 *
 * @param scope whose usage it is ({@code cluster} or {@code replica}), for an answer that must say so; else null
 */
public record UsageReport(LocalDate from, LocalDate to, ZoneId zone, String scope, List<UsageRow> rows) {

    private static final String ROW = "%-10s  %-16s  %-20s  %8s  %6s  %12s  %10s  %12s  %10s%n";

    public UsageReport {
        rows = List.copyOf(rows);
    }

    /** One replica's history, without a scope (the gateway without Redis, the {@code usage} command). */
    public UsageReport(LocalDate from, LocalDate to, ZoneId zone, List<UsageRow> rows) {
        this(from, to, zone, null, rows);
    }

    public UsageCounts total() {
        return rows.stream().map(UsageRow::counts).reduce(UsageCounts.ZERO, UsageCounts::plus);
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode report = json.createObjectNode();
        report.put("object", "usage_report");
        report.put("from", from.toString());
        report.put("to", to.toString());
        report.put("time_zone", zone.getId());
        if (scope != null) {
            report.put("scope", scope);
        }
        ArrayNode data = report.putArray("data");
        for (UsageRow row : rows) {
            ObjectNode item = data.addObject();
            item.put("date", row.day().toString());
            item.put("upstream", row.upstream());
            item.put("model", row.model());
            counts(item, row.counts());
        }
        counts(report.putObject("total"), total());
        return report;
    }

    private static void counts(ObjectNode node, UsageCounts counts) {
        node.put("requests", counts.requests());
        node.put("failures", counts.failures());
        node.put("input_tokens", counts.inputTokens());
        node.put("output_tokens", counts.outputTokens());
        node.put("cached_tokens", counts.cachedTokens());
        node.put("reasoning_tokens", counts.reasoningTokens());
    }

    /** The table: one line per day, upstream and model, then the total. */
    public void print(PrintStream out) {
        out.printf("Usage from %s to %s (%s)%n%n", from, to, zone.getId());
        if (rows.isEmpty()) {
            out.println("No requests in these days.");
            return;
        }
        out.printf(ROW, "DATE", "UPSTREAM", "MODEL", "REQUESTS", "FAILED", "INPUT", "OUTPUT", "CACHED", "REASONING");
        for (UsageRow row : rows) {
            line(out, row.day().toString(), row.upstream(), row.model(), row.counts());
        }
        line(out, "TOTAL", "", "", total());
    }

    private static void line(PrintStream out, String day, String upstream, String model, UsageCounts counts) {
        out.printf(ROW, day, upstream, model, number(counts.requests()), number(counts.failures()),
                number(counts.inputTokens()), number(counts.outputTokens()), number(counts.cachedTokens()),
                number(counts.reasoningTokens()));
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
