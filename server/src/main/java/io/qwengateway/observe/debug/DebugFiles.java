package io.qwengateway.observe.debug;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qwengateway.credentials.PrivateFiles;
import io.qwengateway.observe.ExchangeRecord;

/**
 * The per-request debug files: {@code <UTC time>-<request id>.log} in the log directory, so that names sort by time,
 * and the newest {@code LOG_FILE_LIMIT} kept (older ones are deleted as new ones are written, those of earlier runs
 * included). Used by one thread only.
 */
final class DebugFiles {

    private static final Logger log = LoggerFactory.getLogger(DebugFiles.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z-req_[0-9a-z_]+\\.log");

    private final Path directory;
    private final int limit;
    private final Deque<Path> kept = new ArrayDeque<>();

    DebugFiles(Path directory, int limit) {
        this.directory = directory;
        this.limit = limit;
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(file -> NAME.matcher(file.getFileName().toString()).matches()).sorted()
                        .forEach(kept::addLast);
            } catch (IOException e) {
                log.warn("Cannot list the debug files in {}: {}", directory, e.getMessage());
            }
        }
    }

    void write(ExchangeRecord exchange, String text) throws IOException {
        PrivateFiles.createDirectories(directory);
        Path file = directory.resolve(TIME.format(exchange.startedAt()) + "-" + exchange.requestId() + ".log");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        kept.addLast(file);
        while (kept.size() > limit) {
            Files.deleteIfExists(kept.removeFirst());
        }
    }
}
