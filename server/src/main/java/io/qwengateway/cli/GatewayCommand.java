package io.qwengateway.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * The jar's command line: {@code serve} when no command is given, the commands registered below it, and the main
 * settings in {@code --help}. Running the server is left to the caller ({@link #serveArguments()}), so that a
 * failing start reaches Spring Boot's own failure reporting and exit code as it always did.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        customSynopsis = "${COMMAND-NAME} [COMMAND] [--name=value...]",
        description = { "An OpenAI-compatible gateway to Qwen models.",
                "Without a command it serves; 'help COMMAND' or 'COMMAND --help' tells more about one." },
        commandListHeading = "%nCommands:%n",
        footerHeading = "%nMain settings: environment variables, or --name=value on any command%n",
        footer = {
                "  HOST, PORT            where it listens (localhost, 8080)",
                "                        --server.address=, --server.port=",
                "  QWEN_HOME             the credentials directory (~/.qwen; ~ is $HOME)",
                "                        --gateway.qwen-oauth.home=",
                "  QWEN_ACCOUNT          serve oauth_creds_NAME.json, not the CLI's own file",
                "                        --gateway.qwen-oauth.account=",
                "  API_KEY               the keys clients must send, comma-separated (default: any)",
                "                        --gateway.web.client-api-keys=",
                "  QWEN_API_KEY          a DashScope or Coding Plan API key to serve instead",
                "  (or DASHSCOPE_API_KEY) of Qwen OAuth: --gateway.api-key.key=",
                "  QWEN_OAUTH_BASE_URL   the Qwen OAuth server (https://chat.qwen.ai)",
                "                        --gateway.qwen-oauth.oauth-base-url=",
                "",
                "Configuration files: application.yml (or .properties) in the working directory",
                "or in its config/ directory; more with --spring.config.additional-location=.",
                "Every setting: docs/configuration.md" })
public class GatewayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    private List<String> serveArguments;

    @Override
    public Integer call() {
        serve(springArguments(spec));
        return 0;
    }

    void serve(List<String> springArguments) {
        serveArguments = List.copyOf(springArguments);
    }

    /** The Spring properties to start the server with, when the command line asked for the server. */
    public Optional<List<String>> serveArguments() {
        return Optional.ofNullable(serveArguments);
    }

    /**
     * The Spring properties given to {@code command} and to the commands above it, in the order given. Everything
     * else picocli left unmatched is a mistake (an unknown command, an unknown option, {@code -D} after
     * {@code -jar}) and is reported as one.
     *
     * @throws UnknownArgumentException for an unmatched argument that is no Spring property (usage error: exit 2)
     */
    public static List<String> springArguments(CommandSpec command) {
        Deque<CommandSpec> chain = new ArrayDeque<>();
        for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
            chain.addFirst(spec);
        }
        List<String> properties = new ArrayList<>();
        for (CommandSpec spec : chain) {
            for (String argument : spec.commandLine().getUnmatchedArguments()) {
                if (!SpringArguments.isSpringProperty(argument)) {
                    throw new UnknownArgumentException(spec.commandLine(), mistake(spec, argument), argument);
                }
                properties.add(argument);
            }
        }
        return properties;
    }

    private static String mistake(CommandSpec spec, String argument) {
        if (argument.startsWith("-D") || argument.startsWith("-X")) {
            return "Unknown option '" + argument + "': JVM options go before -jar (java " + argument + " -jar ...)";
        }
        if (argument.startsWith("-")) {
            return "Unknown option '" + argument + "'; a Spring property is written --name=value";
        }
        return spec.subcommands().isEmpty() ? "Unexpected argument '" + argument + "'"
                : "Unknown command '" + argument + "'";
    }

    /** An argument that is neither the command's nor a Spring property. */
    public static final class UnknownArgumentException extends CommandLine.ParameterException {

        private final String argument;

        UnknownArgumentException(CommandLine command, String message, String argument) {
            super(command, message);
            this.argument = argument;
        }

        public String argument() {
            return argument;
        }
    }
}
