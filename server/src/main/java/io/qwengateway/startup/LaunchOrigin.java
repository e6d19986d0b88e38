package io.qwengateway.startup;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.boot.system.ApplicationHome;

/**
 * The jar the user started, and the launcher that started it, as the user sees them: {@code bin/qwen-gateway} runs
 * the classes from an extracted copy of the jar in its cache (for a fast start) and names the original jar and
 * itself in the system properties {@value #JAR_PROPERTY} and {@value #LAUNCHER_PROPERTY}. Without them (a plain
 * {@code java -jar}) the jar is the one the classes come from; there is none when they come from a directory (an IDE,
 * the tests).
 *
 * @param jar      the gateway's jar: its directory holds the settings beside the jar
 * @param launcher the script that started the gateway, when one did
 */
public record LaunchOrigin(Optional<Path> jar, Optional<Path> launcher) {

    public static final String JAR_PROPERTY = "qwen.gateway.jar";
    public static final String LAUNCHER_PROPERTY = "qwen.gateway.launcher";

    /** This JVM's origin, from its system properties and the location of the gateway's classes. */
    public static LaunchOrigin current() {
        return of(System.getProperty(JAR_PROPERTY), System.getProperty(LAUNCHER_PROPERTY),
                new ApplicationHome(LaunchOrigin.class).getSource());
    }

    /**
     * @param jarProperty      the original jar as the launcher named it; ignored unless it is a file
     * @param launcherProperty the launcher; ignored unless it is a file
     * @param classesSource    the jar or directory the classes were loaded from
     */
    public static LaunchOrigin of(String jarProperty, String launcherProperty, File classesSource) {
        Optional<Path> named = existingFile(jarProperty);
        Optional<Path> jar = named.isPresent() ? named : jarFile(classesSource);
        return new LaunchOrigin(jar, existingFile(launcherProperty));
    }

    /** The directory of the jar, whose {@code application.yml} and {@code gateway.yml} the gateway reads. */
    public Optional<Path> jarDirectory() {
        return jar.map(Path::getParent);
    }

    private static Optional<Path> existingFile(String path) {
        if (path == null || path.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static Optional<Path> jarFile(File source) {
        if (source == null || !source.isFile() || !source.getName().endsWith(".jar")) {
            return Optional.empty();
        }
        return Optional.of(source.toPath().toAbsolutePath().normalize());
    }
}
