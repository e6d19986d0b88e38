package io.qwengateway.auth.cli;

import java.io.Console;

/**
 * What the login prints to.
 *
 * @param interactive a terminal: the countdown is redrawn in place each second; otherwise (a log file, CI, a pipe,
 *                    {@code systemd}) a plain line now and then, as {@code \r} redraws would fill it with noise
 * @param colours     a terminal that takes ANSI colours ({@code NO_COLOR} unset)
 */
public record TerminalOutput(boolean interactive, boolean colours) {

    public static TerminalOutput detect() {
        boolean terminal = isTerminal(System.console());
        return new TerminalOutput(terminal, terminal && System.getenv("NO_COLOR") == null);
    }

    /**
     * Up to Java 21 a console exists only when standard input and output are terminals; from Java 22 on there is one
     * even when they are redirected, and {@code Console.isTerminal()} (called reflectively: the gateway builds for
     * Java 17) tells.
     */
    private static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJava22) {
            return true;
        }
    }
}
