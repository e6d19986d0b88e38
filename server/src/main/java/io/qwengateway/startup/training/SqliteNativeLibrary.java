package io.qwengateway.startup.training;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.sqlite.util.LibraryLoaderUtil;

/**
 * Copies sqlite-jdbc's native library for this platform out of its jar, once, into the launcher's fast-start cache
 * ({@code -Dqwen.gateway.training.native=DIR} on the training start). The launcher then starts the gateway with
 * {@code -Dorg.sqlite.lib.path=DIR}, which sqlite-jdbc loads before anything else: otherwise it extracts the 1 MiB
 * library into {@code java.io.tmpdir} at every start (~2 % of a start, docs/performance.md), and cannot load it at
 * all where that directory is mounted {@code noexec}.
 */
final class SqliteNativeLibrary {

    static final String PROPERTY = "qwen.gateway.training.native";

    private SqliteNativeLibrary() {
    }

    /** Copies the library into the directory that {@link #PROPERTY} names, if it does; says what it did in a line. */
    static void copyIfRequested() {
        String directory = System.getProperty(PROPERTY);
        if (directory == null) {
            return;
        }
        try {
            System.out.println(copyTo(Path.of(directory))
                    .map(file -> "Training: sqlite's native library copied to " + file)
                    .orElse("Training: sqlite-jdbc has no native library for this platform; it stays in its jar"));
        } catch (IOException e) {
            System.out.println("Training: sqlite's native library not copied (" + e + "); it is extracted at start");
        }
    }

    /** The library written into {@code directory} (complete or not at all), or empty for a platform without one. */
    static Optional<Path> copyTo(Path directory) throws IOException {
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream library = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
            if (library == null) {
                return Optional.empty();
            }
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, name, ".partial");
            try {
                Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
                return Optional.of(Files.move(partial, directory.resolve(name),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
