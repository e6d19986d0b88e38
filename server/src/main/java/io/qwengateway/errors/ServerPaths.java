package io.qwengateway.errors;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.stereotype.Component;

import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.startup.LaunchOrigin;

/**
 * Takes the gateway host's own paths out of messages meant for remote clients: the Qwen directory, the jar, the
 * working directory and the home directory become placeholders ({@code <qwen home>/oauth_creds.json},
 * {@code java -jar <gateway jar> auth}, {@code <gateway launcher> auth}). The server log keeps the real paths; a client only needs to know what to
 * do. Applied where messages leave the gateway, so that any message built from a path, now or later, is covered.
 */
@Component
public class ServerPaths {

    /** Only whole path components: {@code /home/al} must not eat into {@code /home/alice}. */
    private static final String COMPONENT_END = "(?=[/\\\\\\s'\"`),;:!?]|\\.(?:\\s|$)|$)";

    private final List<Map.Entry<Pattern, String>> replacements;

    @Autowired
    public ServerPaths(QwenOAuthProperties oauth) {
        this(oauth.home());
    }

    ServerPaths(Path qwenHome) {
        this(qwenHome, LaunchOrigin.current(), new ApplicationHome(ServerPaths.class).getSource());
    }

    /** @param classes where the classes come from: the jar, or the launcher's extracted copy of it in its cache */
    ServerPaths(Path qwenHome, LaunchOrigin origin, File classes) {
        Map<String, String> roots = new LinkedHashMap<>();
        origin.launcher().ifPresent(launcher -> add(roots, launcher, "<gateway launcher>"));
        origin.jar().ifPresent(jar -> {
            add(roots, jar, "<gateway jar>");
            add(roots, jar.getParent(), "<gateway directory>");
        });
        if (classes != null && classes.isFile()) {
            add(roots, classes.toPath().getParent(), "<gateway classes>");
        }
        if (qwenHome != null) {
            add(roots, qwenHome, "<qwen home>");
        }
        add(roots, Path.of(""), "<working directory>");
        String home = System.getenv("HOME");
        if (home != null && !home.isBlank()) {
            add(roots, Path.of(home), "~");
        }
        add(roots, Path.of(System.getProperty("user.home")), "~");
        List<Map.Entry<Pattern, String>> ordered = new ArrayList<>();
        roots.entrySet().stream()
                // Longest first: the Qwen directory before the home directory that holds it.
                .sorted(Comparator.comparingInt((Map.Entry<String, String> root) -> root.getKey().length()).reversed())
                .forEach(root -> ordered.add(Map.entry(
                        Pattern.compile(Pattern.quote(root.getKey()) + COMPONENT_END), root.getValue())));
        this.replacements = List.copyOf(ordered);
    }

    /** The message with every known server path replaced; null stays null. */
    public String hide(String message) {
        if (message == null) {
            return null;
        }
        String hidden = message;
        for (Map.Entry<Pattern, String> replacement : replacements) {
            hidden = replacement.getKey().matcher(hidden).replaceAll(Matcher.quoteReplacement(replacement.getValue()));
        }
        return hidden;
    }

    /** The error with every known server path taken out of its message. */
    public ApiException hide(ApiException error) {
        return error.withMessage(hide(error.getMessage()));
    }

    /** Both the path as configured and its absolute, normalised form; never a root so short it would match anywhere. */
    private static void add(Map<String, String> roots, Path path, String placeholder) {
        if (path == null) {
            return;
        }
        for (String form : List.of(path.toString(), path.toAbsolutePath().normalize().toString())) {
            if (Path.of(form).isAbsolute() && Path.of(form).getNameCount() >= 1 && form.length() > 3) {
                roots.putIfAbsent(form, placeholder);
            }
        }
    }
}
