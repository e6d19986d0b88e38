package io.qwengateway.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

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

    /**
     * The credentials on disk, or empty when there is no file.
     *
     * @throws IOException when the file cannot be read or does not hold credentials; the message names the file and
     *                     says why (permission denied, not JSON, a field out of range...)
     */
    public Optional<OAuthCredentials> read() throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IOException("Cannot read " + file + ": " + whyUnreadable(file, e), e);
        }
        try {
            JsonNode node = json.readTree(content);
            if (node == null || !node.isObject()) {
                throw new IOException(file + " does not hold a JSON object");
            }
            return Optional.of(OAuthCredentials.fromJson(node));
        } catch (JacksonException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (OAuthCredentials.InvalidFieldException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
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

    /** The file's current stamp (mtime, size, identity), or empty when there is none. */
    Optional<FileStamp> stamp() {
        return FileStamp.of(file);
    }

    public void write(OAuthCredentials credentials) throws IOException {
        PrivateFiles.writeAtomically(file,
                writer.writeValueAsString(credentials.toJson()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cause in words: {@link java.nio.file.AccessDeniedException} and its kind carry only the path as message,
     * which made "Cannot read X: X." of an unreadable file.
     */
    static String whyUnreadable(Path file, IOException e) {
        if (Files.isDirectory(file)) {
            return "it is a directory, not a file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (the gateway runs as user " + System.getProperty("user.name") + ")";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null || e.getMessage().equals(file.toString()) ? "an I/O error" : e.getMessage();
    }
}
