package io.qwengateway;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

import io.qwengateway.auth.cli.AuthCommand;
import io.qwengateway.cli.GatewayCommand;
import io.qwengateway.cli.ServeCommand;
import io.qwengateway.credentials.LoginHints;
import io.qwengateway.usage.UsageCommand;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The jar's command tree, assembled; new commands are registered here. Kept apart from {@link GatewayApplication}
 * so that the server's start does not load picocli.
 */
public final class GatewayCommandLine {

    private GatewayCommandLine() {
    }

    public static CommandLine create(GatewayCommand root, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(root)
                .setCommandName(LoginHints.startCommand())
                .addSubcommand(new ServeCommand(root))
                .addSubcommand(AuthCommand.commandLine(out))
                .addSubcommand(new UsageCommand(out, Clock.systemDefaultZone()))
                .addSubcommand(new CommandLine.HelpCommand());
        // "@file" is an ordinary argument: a Spring property value may start with '@'.
        commandLine.setExpandAtFiles(false);
        commandLine.setParameterExceptionHandler(GatewayCommandLine::usageError);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    /** What went wrong, a suggestion when there is a close match, the synopsis, and where the full help is. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(e.getMessage());
        if (e instanceof GatewayCommand.UnknownArgumentException unknown) {
            UnmatchedArgumentException.printSuggestions(
                    new UnmatchedArgumentException(command, List.of(unknown.argument())), err);
        } else {
            UnmatchedArgumentException.printSuggestions(e, err);
        }
        err.print(command.getHelp().synopsisHeading() + command.getHelp().synopsis(0));
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for its commands and settings.");
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
