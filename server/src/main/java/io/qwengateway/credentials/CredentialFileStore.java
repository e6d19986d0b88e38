package io.qwengateway.credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.JacksonException;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;

/**
 * Reads and writes one credentials file the way the qwen-code CLI does, so both can share it: JSON with two-space
 * indentation, directory 0700, and every write to a 0600 temporary file beside the target followed by an atomic
 * rename. A reader (the CLI, another gateway, this one) sees the old file or the new one, never half of one, and an
 * interrupted write (Ctrl-C, a crash) leaves the old file intact.
 */
public class CredentialFileStore {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path file;
    private final ObjectMapper json;
    private final ObjectWriter writer;

    public CredentialFileStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        // JSON.stringify(creds, null, 2) writes `"key": value`; Jackson's default puts a space before the colon too,
        // keeps arrays on one line (`[ 1, 2 ]`) and writes empty containers as `{ }` and `[ ]`.
        DefaultIndenter twoSpaces = new DefaultIndenter("  ", "\n");
        this.writer = json.writer().with(new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                        .withArrayElementSpacing(Separators.Spacing.NONE)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""))
                .withObjectIndenter(twoSpaces)
                .withArrayIndenter(twoSpaces));
    }

    public Path file() {
        return file;
    }

    /** The credentials on disk, or empty when there is no file. */
    public Optional<OAuthCredentials> read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(content);
            if (node == null || !node.isObject()) {
                throw new IOException(file + " does not hold a JSON object");
            }
            return Optional.of(OAuthCredentials.fromJson(node));
        } catch (JacksonException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** When the file last changed, or empty when there is none. */
    public Optional<FileTime> lastModified() {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void write(OAuthCredentials credentials) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        createPrivateDirectory(directory);
        byte[] content = writer.writeValueAsString(credentials.toJson()).getBytes(StandardCharsets.UTF_8);
        Path temporary = directory.resolve(file.getFileName() + ".tmp." + UUID.randomUUID());
        try {
            createPrivateFile(temporary);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            moveIntoPlace(temporary);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void moveIntoPlace(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (POSIX) {
            Files.createDirectories(directory,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    private static void createPrivateFile(Path path) throws IOException {
        if (POSIX) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(path);
        }
    }
}
