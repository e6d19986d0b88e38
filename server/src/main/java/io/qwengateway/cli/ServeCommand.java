package io.qwengateway.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code serve}: what the jar does without a command. The server itself starts once the command line is parsed. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = "Run the gateway (the default when no command is given).",
        synopsisHeading = "Usage: ", customSynopsis = "${COMMAND-FULL-NAME} [-hV] [--name=value...]",
        footer = { "", "The settings: ${ROOT-COMMAND-NAME} --help" })
public class ServeCommand implements Callable<Integer> {

    private final GatewayCommand root;

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> unmatched = new ArrayList<>();

    public ServeCommand(GatewayCommand root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        root.serve(GatewayCommand.springArguments(spec));
        return 0;
    }
}
