package io.qwengateway.auth.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.QwenOAuthProperties;

/**
 * The {@code auth} command line: runs in a small Spring context without a web server, so that the gateway's
 * configuration ({@code application.yml}, {@code QWEN_HOME}, {@code QWEN_OAUTH_BASE_URL}, {@code --property=value})
 * applies as it does to the server. Ctrl-C closes the context, which lets a save in progress finish.
 */
public final class AuthCommand {

    private AuthCommand() {
    }

    public static boolean isAuthCommand(String[] args) {
        return args.length > 0 && args[0].equals("auth");
    }

    /** @return the process exit code */
    public static int run(String[] args, PrintStream out) {
        AuthArguments arguments;
        try {
            arguments = AuthArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(AuthArguments.USAGE);
            return 2;
        }
        if (arguments.action() == AuthArguments.Action.HELP) {
            out.println(AuthArguments.USAGE);
            return 0;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AuthCommandConfiguration.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                // Only problems on the terminal: the login's own output is the point.
                .properties("logging.level.root=WARN")
                .run(args)) {
            if (arguments.action() == AuthArguments.Action.LIST) {
                return context.getBean(AccountList.class).print(out);
            }
            QwenOAuthProperties properties = context.getBean(QwenOAuthProperties.class);
            String account = arguments.account() != null ? arguments.account() : properties.account();
            Path credentialsFile = CredentialFiles.pathFor(properties.home(), account);
            return context.getBean(TerminalLogin.class).logIn(credentialsFile, out);
        } catch (IllegalArgumentException | IOException e) {
            out.println(e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("Interrupted; nothing was saved.");
            return 130;
        }
    }
}
