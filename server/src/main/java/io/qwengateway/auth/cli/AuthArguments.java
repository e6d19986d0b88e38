package io.qwengateway.auth.cli;

import java.util.List;

/**
 * The words after {@code auth}: {@code [--account NAME]}, {@code list}, {@code --help}. Options of the form
 * {@code --some.property=value} are Spring properties (e.g. {@code --gateway.qwen-oauth.home=/x}) and are left to
 * Spring.
 *
 * @param account the named account to log in to; null for the one the gateway serves
 */
public record AuthArguments(Action action, String account) {

    public enum Action { LOGIN, LIST, HELP }

    public static final String USAGE = """
            Usage: java -jar <jar> auth [--account NAME]   log in (device code + QR code) and save the credentials
                   java -jar <jar> auth list               list the saved accounts, their state and expiry
            The credentials go to $QWEN_HOME (default ~/.qwen): oauth_creds.json, or oauth_creds_NAME.json.""";

    /** @throws IllegalArgumentException for words it does not know */
    public static AuthArguments parse(List<String> words) {
        Action action = Action.LOGIN;
        String account = null;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("list")) {
                action = Action.LIST;
            } else if (word.equals("--help") || word.equals("-h") || word.equals("help")) {
                action = Action.HELP;
            } else if (word.equals("--account")) {
                if (i + 1 == words.size()) {
                    throw new IllegalArgumentException("--account needs a NAME");
                }
                account = words.get(++i);
            } else if (word.startsWith("--account=")) {
                account = word.substring("--account=".length());
            } else if (!isSpringProperty(word)) {
                throw new IllegalArgumentException("Unknown argument '" + word + "'");
            }
        }
        return new AuthArguments(action, account);
    }

    private static boolean isSpringProperty(String word) {
        return word.startsWith("--") && word.contains("=");
    }
}
