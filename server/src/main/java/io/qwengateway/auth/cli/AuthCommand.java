package io.qwengateway.auth.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.qwengateway.cli.CommandEnvironment;
import io.qwengateway.cli.GatewayVersion;
import io.qwengateway.cli.GatewayCommand;
import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.QwenOAuthProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code auth [--account NAME]}: the terminal login, in a small Spring context without a web server, so that the
 * gateway's configuration ({@code application.yml}, {@code QWEN_HOME}, {@code QWEN_OAUTH_BASE_URL},
 * {@code --property=value}) applies as it does to the server. {@code auth list} is {@link AccountListCommand}.
 */
@Command(name = "auth", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = { "Log in to Qwen (a device code and a QR code to scan) and save the credentials; "
                + "'auth list' lists the saved accounts.",
                "The credentials go to $QWEN_HOME (default ~/.qwen): oauth_creds.json, or oauth_creds_NAME.json with "
                        + "--account." },
        commandListHeading = "%nCommands:%n")
public class AuthCommand implements Callable<Integer> {

    private final PrintStream out;

    @Spec
    CommandSpec spec;

    @Option(names = "--account", paramLabel = "NAME",
            description = "The account to log in to (default: the one the gateway serves, QWEN_ACCOUNT)")
    String account;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    public AuthCommand(PrintStream out) {
        this.out = out;
    }

    /** {@code auth} with its {@code list} subcommand, both printing to {@code out}. */
    public static CommandLine commandLine(PrintStream out) {
        return new CommandLine(new AuthCommand(out)).addSubcommand(new AccountListCommand(out));
    }

    @Override
    public Integer call() {
        List<String> springArguments = GatewayCommand.springArguments(spec);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthCommandConfiguration.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // Ctrl-C is the login's own hook (TerminalLogin): it lets a save finish and says so; closing the
                // context concurrently would shut the HTTP client under a poll in progress.
                .registerShutdownHook(false)
                // Only problems on the terminal: the login's own output is the point.
                .properties("logging.level.root=WARN")
                .run(springArguments.toArray(String[]::new))) {
            QwenOAuthProperties properties = context.getBean(QwenOAuthProperties.class);
            Path credentialsFile = CredentialFiles.pathFor(properties.home(),
                    account != null ? account : properties.account());
            return context.getBean(TerminalLogin.class).logIn(credentialsFile, out);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("Interrupted; nothing was saved.");
            return 130;
        }
    }

    /** {@code auth list}: reads a few files, so it starts no Spring context (see {@link CommandEnvironment}). */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
            description = "List the saved accounts, their state and expiry (never a token).")
    static class AccountListCommand implements Callable<Integer> {

        private final PrintStream out;

        @Spec
        CommandSpec spec;

        @Unmatched
        List<String> unmatched = new ArrayList<>();

        AccountListCommand(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws IOException {
            CommandEnvironment environment = CommandEnvironment.load(GatewayCommand.springArguments(spec));
            QwenOAuthProperties properties = environment.bind("gateway.qwen-oauth", QwenOAuthProperties.class);
            return new AccountList(properties, JsonMapper.builder().build(), Clock.systemUTC()).print(out);
        }
    }
}
