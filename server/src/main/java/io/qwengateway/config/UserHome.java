package io.qwengateway.config;

import java.nio.file.Path;

/**
 * The user's home directory as the qwen-code CLI sees it, and {@code ~} in configured paths.
 *
 * <p>The CLI runs on Node, whose {@code os.homedir()} reads {@code $HOME} first; Java's {@code user.home} comes from
 * the password database instead. In containers, systemd units, {@code sudo -E} and CI the two differ, and the gateway
 * and the CLI would then use different credentials files. So {@code $HOME} wins when it is set and not empty, as in
 * Node, and {@code user.home} is only the fallback. Every directory the gateway derives from the home (credentials,
 * and later data and log directories) goes through this class.
 */
public final class UserHome {

    private static final String TILDE = "~";

    private UserHome() {
    }

    /** {@code $HOME} when it is set and not empty, else the JVM's {@code user.home}. */
    public static Path directory() {
        return directory(System.getenv("HOME"), System.getProperty("user.home"));
    }

    static Path directory(String homeVariable, String userHomeProperty) {
        return Path.of(homeVariable != null && !homeVariable.isBlank() ? homeVariable : userHomeProperty);
    }

    /**
     * {@code ~} or a leading {@code ~/} replaced by the home directory: the shell does that for a command line, but
     * not for {@code QWEN_HOME=~/x} in a systemd unit, a {@code .env} file or {@code application.yml}. Other paths
     * (and {@code ~user}, which would need the password database) are returned as they are.
     */
    public static Path expand(Path path) {
        return expand(path, directory());
    }

    static Path expand(Path path, Path home) {
        if (path == null || path.isAbsolute() || path.getNameCount() == 0 || !path.getName(0).toString().equals(TILDE)) {
            return path;
        }
        return path.getNameCount() == 1 ? home : home.resolve(path.subpath(1, path.getNameCount()));
    }
}
