package io.qwengateway.cli;

import java.util.Set;

/**
 * The Spring properties on the command line: {@code --name=value} on any command, before or after its name
 * ({@code --server.port=9000 serve}, {@code auth list --gateway.qwen-oauth.home=/srv/qwen}), plus Spring Boot's two
 * flags {@code --debug} and {@code --trace}. Picocli leaves them unmatched ({@link GatewayCommand#springArguments}).
 *
 * <p>Free of picocli: the server's start checks its arguments with this before any of the command line is loaded.
 */
public final class SpringArguments {

    private static final Set<String> SPRING_BOOT_FLAGS = Set.of("--debug", "--trace");

    private SpringArguments() {
    }

    /** Whether Spring's command-line property source takes {@code argument} as a property. */
    public static boolean isSpringProperty(String argument) {
        return (argument.startsWith("--") && argument.indexOf('=') > 2) || SPRING_BOOT_FLAGS.contains(argument);
    }
}
