package io.qwengateway.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The qwen-code CLI's cross-process lock on the credentials: {@code oauth_creds.lock} beside the file, created
 * exclusively (O_CREAT|O_EXCL) and holding a random UUID. A lock older than the stale limit belongs to a process that
 * died: it is renamed aside and deleted, then taken. Speaking the CLI's protocol exactly is what keeps the CLI and the
 * gateway from both refreshing, which would rotate the refresh token under the other's feet.
 *
 * <p>Written by hand because no library implements this particular on-disk protocol.
 */
public class CredentialFileLock {

    private static final Logger log = LoggerFactory.getLogger(CredentialFileLock.class);

    private final Path lockFile;
    private final QwenOAuthProperties.Lock settings;
    private final Clock clock;

    public CredentialFileLock(Path lockFile, QwenOAuthProperties.Lock settings, Clock clock) {
        this.lockFile = lockFile;
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes the lock, waiting with backoff; fails after the configured attempts. */
    public Held acquire() throws IOException, InterruptedException {
        String owner = UUID.randomUUID().toString();
        Duration wait = settings.initialBackoff();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (tryCreate(owner)) {
                return new Held(owner);
            }
            if (removeIfStale()) {
                continue;
            }
            Thread.sleep(wait.toMillis());
            wait = Duration.ofMillis(Math.min(settings.maxBackoff().toMillis(),
                    (long) (wait.toMillis() * settings.multiplier())));
        }
        throw new LockTimeoutException("Another process holds " + lockFile + "; gave up after "
                + settings.maxAttempts() + " attempts");
    }

    private boolean tryCreate(String owner) throws IOException {
        // The lock may be the first file in a new ~/.qwen: the directory must be private from the start.
        PrivateFiles.createDirectories(lockFile.toAbsolutePath().getParent());
        try {
            Files.writeString(lockFile, owner, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private boolean removeIfStale() throws IOException {
        try {
            long age = clock.millis() - Files.getLastModifiedTime(lockFile).toMillis();
            if (age <= settings.staleAfter().toMillis()) {
                return false;
            }
            // Rename first: of two processes removing the same stale lock, only one rename succeeds, so neither
            // deletes a fresh lock the other has just created.
            Path aside = lockFile.resolveSibling(lockFile.getFileName() + ".stale." + UUID.randomUUID());
            Files.move(lockFile, aside);
            Files.deleteIfExists(aside);
            log.info("Removed a stale credentials lock ({} ms old)", age);
            return true;
        } catch (NoSuchFileException e) {
            return true; // released meanwhile: try again at once
        }
    }

    /** A taken lock; closing releases it if it is still ours (the CLI deletes it on exit whether it holds it or not). */
    public final class Held implements AutoCloseable {

        private final String owner;

        private Held(String owner) {
            this.owner = owner;
        }

        @Override
        public void close() {
            try {
                if (owner.equals(Files.readString(lockFile, StandardCharsets.UTF_8).trim())) {
                    Files.deleteIfExists(lockFile);
                }
            } catch (NoSuchFileException e) {
                // Someone removed it already; nothing to release.
            } catch (IOException e) {
                log.warn("Could not release {}: {}", lockFile, e.getMessage());
            }
        }
    }

    public static class LockTimeoutException extends IOException {
        public LockTimeoutException(String message) {
            super(message);
        }
    }
}
