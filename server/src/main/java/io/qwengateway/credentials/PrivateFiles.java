package io.qwengateway.credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credentials directory (0700) and files (0600), as the qwen-code CLI makes them, whichever code path creates
 * them first (the lock or a write). Existing directories and files keep their mode: the gateway never changes what
 * the user (or the CLI) set, it only says so when other users can read or change them.
 */
public final class PrivateFiles {

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** Read or write by others. Search ({@code x}) alone is left alone: it reaches only files whose own mode allows. */
    private static final Set<PosixFilePermission> EXPOSING = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    /** What was last reported per path, so that a warning is logged once and again only when the mode changes. */
    private static final Map<Path, String> reported = new ConcurrentHashMap<>();

    private PrivateFiles() {
    }

    /** Creates the missing directories up to {@code directory}, each 0700; warns once if it exists and is exposed. */
    public static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            warnIfExposed(directory);
            return;
        }
        if (POSIX) {
            Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Creates a new, empty 0600 file; fails if it exists. */
    public static void createFile(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, OWNER_ONLY_FILE);
        } else {
            Files.createFile(file);
        }
    }

    /**
     * Replaces {@code file} with {@code content}: written to a 0600 temporary file beside it, forced to disk, then
     * renamed over the target (atomically where the file system can), in a 0700 directory created if missing. An
     * interrupted write (Ctrl-C, a crash) leaves the old file intact, and nobody else can read the file at any time.
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        createDirectories(directory);
        Path temporary = directory.resolve(file.getFileName() + ".tmp." + UUID.randomUUID());
        try {
            createFile(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * What is wrong with the mode of {@code path}, as a sentence that says how to fix it; empty when only its owner
     * can read and change it, when it does not exist, or on a file system without POSIX permissions.
     */
    public static Optional<String> exposure(Path path) {
        if (!POSIX) {
            return Optional.empty();
        }
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (mode.stream().noneMatch(EXPOSING::contains)) {
            return Optional.empty();
        }
        boolean directory = Files.isDirectory(path);
        return Optional.of(path + (directory ? " can be listed or changed" : " can be read or changed")
                + " by other users (mode " + octal(mode) + "); it holds Qwen credentials: chmod "
                + (directory ? "700 " : "600 ") + path);
    }

    /** Logs {@link #exposure} as a warning, once per path and mode. */
    public static void warnIfExposed(Path path) {
        Optional<String> problem = exposure(path);
        if (problem.isEmpty()) {
            reported.remove(path);
        } else if (!problem.get().equals(reported.put(path, problem.get()))) {
            log.warn(problem.get());
        }
    }

    private static String octal(Set<PosixFilePermission> mode) {
        int bits = 0;
        for (PosixFilePermission permission : mode) {
            // PosixFilePermission lists OWNER_READ ... OTHERS_EXECUTE, i.e. from bit 8 down to bit 0.
            bits |= 1 << (8 - permission.ordinal());
        }
        return String.format("%04o", bits);
    }
}
