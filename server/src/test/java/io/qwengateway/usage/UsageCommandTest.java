package io.qwengateway.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.GatewayCommandLine;
import io.qwengateway.cli.GatewayCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code usage [--days N] [--json]} through the jar's command line, on a history in a temporary data directory. */
class UsageCommandTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

    @TempDir
    Path data;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
        return new picocli.CommandLine(new UsageCommand(out, clock)).execute(withData(args));
    }

    private String[] withData(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--gateway.directories.data=" + data;
        all[args.length + 1] = "--gateway.usage.time-zone=UTC";
        return all;
    }

    private void history() {
        SqliteUsageStore.open(data.resolve("usage.db")).add(List.of(
                new UsageRow(TODAY.minusDays(8), "default", "coder-model", new UsageCounts(9, 9, 9, 9, 9, 9)),
                new UsageRow(TODAY.minusDays(1), "default", "coder-model", new UsageCounts(3, 1, 12000, 800, 4000, 50)),
                new UsageRow(TODAY, "default", "coder-model", new UsageCounts(2, 0, 1500, 300, 0, 0)),
                new UsageRow(TODAY, "portal.qwen.ai", "qwen3-coder-plus", new UsageCounts(1, 0, 10, 2, 0, 0))));
    }

    @Test
    void theTableShowsEachDayUpstreamAndModelOfTheLastWeekAndTheTotal() {
        history();
        assertThat(run()).isZero();
        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).startsWith("Usage from 2026-11-20 to 2026-11-26 (UTC)")
                .containsPattern("DATE +UPSTREAM +MODEL +REQUESTS +FAILED +INPUT +OUTPUT +CACHED +REASONING")
                .containsPattern("2026-11-25 +default +coder-model +3 +1 +12,000 +800 +4,000 +50")
                .containsPattern("2026-11-26 +portal.qwen.ai +qwen3-coder-plus +1 +0 +10 +2 +0 +0")
                .containsPattern("TOTAL +6 +1 +13,510 +1,102 +4,000 +50")
                .doesNotContain("2026-11-18");
    }

    @Test
    void daysAndJsonGiveTheAdminRoutesShape() {
        history();
        assertThat(run("--days", "1", "--json")).isZero();
        JsonNode report = JsonMapper.builder().build().readTree(printed.toString(StandardCharsets.UTF_8));
        assertThat(report.path("from").asString()).isEqualTo("2026-11-26");
        assertThat(report.path("data")).hasSize(2);
        assertThat(report.path("data").get(0).path("input_tokens").asLong()).isEqualTo(1500);
        assertThat(report.path("total").path("requests").asLong()).isEqualTo(3);
    }

    @Test
    void withoutAHistoryItSaysSo() {
        assertThat(run()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("No usage recorded yet: ")
                .contains(data.resolve("usage.db").toString());
    }

    @Test
    void theCommandIsRegistered() {
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        assertThat(GatewayCommandLine.create(new GatewayCommand(), out, out).getSubcommands()).containsKey("usage");
    }
}
