package io.qwengateway.usage;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.qwengateway.cli.CommandEnvironment;
import io.qwengateway.cli.GatewayCommand;
import io.qwengateway.cli.GatewayVersion;
import io.qwengateway.config.GatewayDirectories;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code usage [--days N] [--json]}: the usage history of the last days, as a table or as the JSON of
 * {@code GET /admin/usage}. Reads the SQLite file in the data directory; starts no server and no Spring context
 * ({@link CommandEnvironment}), so it runs beside a gateway that is serving.
 */
@Command(name = "usage", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = { "Show the usage history: requests, failures and tokens per day, upstream and model.",
                "Read from usage.db in the data directory (QWEN_GATEWAY_DATA_DIR, default ~/.local/share/qwen-gateway)." })
public class UsageCommand implements Callable<Integer> {

    private final PrintStream out;
    private final Clock clock;

    @Spec
    CommandSpec spec;

    @Option(names = "--days", paramLabel = "N", defaultValue = "" + UsageDelegate.DEFAULT_DAYS,
            description = "The last N days, today included (default: ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--json", description = "Print JSON, as GET /admin/usage answers")
    boolean asJson;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    public UsageCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        if (days < 1) {
            out.println("--days must be 1 or more, not " + days + ".");
            return 2;
        }
        // Only problems on the terminal: Flyway and the SQLite driver would otherwise log at DEBUG.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        CommandEnvironment environment = CommandEnvironment.load(GatewayCommand.springArguments(spec));
        UsageProperties properties = environment.bind("gateway.usage", UsageProperties.class);
        Path file = environment.bind("gateway.directories", GatewayDirectories.class).data()
                .resolve(properties.fileName());
        LocalDate to = LocalDate.now(clock.withZone(properties.zone()));
        LocalDate from = to.minusDays(days - 1L);
        Optional<SqliteUsageStore> store = SqliteUsageStore.existing(file);
        UsageReport report = new UsageReport(from, to, properties.zone(),
                store.map(history -> history.between(from, to)).orElse(List.of()));
        if (asJson) {
            out.println(report.toJson(JsonMapper.builder().build()));
        } else if (store.isEmpty()) {
            out.println("No usage recorded yet: " + file + " does not exist (the gateway writes it as it serves).");
        } else {
            report.print(out);
        }
        return 0;
    }
}
