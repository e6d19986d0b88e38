package io.qwengateway.pool;

import java.util.ArrayList;
import java.util.List;

/**
 * The pool as a text table for the startup log: name, kind, host, models, weight, rpm, state. It holds no secret at
 * all (no key, no token, not even masked), so nothing has to be masked.
 */
public final class UpstreamTable {

    private static final String[] HEADINGS = {"NAME", "KIND", "HOST", "MODELS", "WEIGHT", "RPM", "STATE"};

    private UpstreamTable() {
    }

    public static String of(UpstreamPool pool) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (PoolMember member : pool.members()) {
            String host = UpstreamReports.host(member.baseUrl());
            int rpm = pool.rpm(member);
            rows.add(new String[] {member.name(), member.kind().wireName(), host == null ? "(from its login)" : host,
                    abbreviate(member.models().toString()), String.valueOf(member.weight()),
                    rpm == 0 ? "-" : String.valueOf(rpm), pool.stateOf(member).summary()});
        }
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (String[] row : rows) {
            table.append("  ");
            for (int i = 0; i < row.length; i++) {
                table.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            table.append('\n');
        }
        return table.toString().stripTrailing();
    }

    private static String abbreviate(String models) {
        return models.length() <= 40 ? models : models.substring(0, 39) + "…";
    }
}
