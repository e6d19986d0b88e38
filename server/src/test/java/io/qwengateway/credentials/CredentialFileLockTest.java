package io.qwengateway.credentials;

import io.qwengateway.support.MutableClock;
import static io.qwengateway.credentials.CredentialFixtures.FAST_LOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFileLockTest {

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.startingNow();

    private Path lockFile() {
        return home.resolve(CredentialFiles.LOCK_FILE);
    }

    private CredentialFileLock lock(QwenOAuthProperties.Lock settings) {
        return new CredentialFileLock(lockFile(), settings, clock);
    }

    /** The lock as another process (the CLI) holds it: a fresh file with its own UUID. */
    private String heldByAnotherProcess() throws Exception {
        String owner = UUID.randomUUID().toString();
        Files.writeString(lockFile(), owner);
        return owner;
    }

    @Test
    void theLockInANewDirectoryCreatesItPrivate() throws Exception {
        Path directory = home.resolve("new/.qwen");

        new CredentialFileLock(directory.resolve(CredentialFiles.LOCK_FILE), FAST_LOCK, clock).acquire().close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void takingTheLockCreatesTheFileWithARandomUuid() throws Exception {
        try (CredentialFileLock.Held held = lock(FAST_LOCK).acquire()) {
            String content = Files.readString(lockFile());
            assertThat(UUID.fromString(content).toString()).isEqualTo(content);
        }
        assertThat(lockFile()).doesNotExist();
    }

    @Test
    void twoHoldersGetDifferentUuids() throws Exception {
        String first;
        try (CredentialFileLock.Held held = lock(FAST_LOCK).acquire()) {
            first = Files.readString(lockFile());
        }
        try (CredentialFileLock.Held held = lock(FAST_LOCK).acquire()) {
            assertThat(Files.readString(lockFile())).isNotEqualTo(first);
        }
    }

    @Test
    void waitsWhileAnotherHolderHasItAndSucceedsOnceReleased() throws Exception {
        CredentialFileLock.Held other = lock(FAST_LOCK).acquire();
        String othersOwner = Files.readString(lockFile());

        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
            try (CredentialFileLock.Held held = lock(FAST_LOCK).acquire()) {
                return Files.readString(lockFile());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(30);
        assertThat(waiter).isNotDone();
        other.close();

        assertThat(waiter.get(5, TimeUnit.SECONDS)).isNotEqualTo(othersOwner);
    }

    @Test
    void aLockOlderThanTheStaleLimitIsRemovedAndTaken() throws Exception {
        String deadOwner = heldByAnotherProcess();
        clock.advance(FAST_LOCK.staleAfter().plusSeconds(1));

        try (CredentialFileLock.Held held = lock(FAST_LOCK).acquire()) {
            assertThat(Files.readString(lockFile())).isNotEqualTo(deadOwner);
        }
        try (var files = Files.list(home)) {
            assertThat(files).as("no renamed-aside leftovers").isEmpty();
        }
    }

    @Test
    void aLockYoungerThanTheStaleLimitIsRespectedUntilTheAttemptsRunOut() throws Exception {
        String owner = heldByAnotherProcess();
        clock.advance(FAST_LOCK.staleAfter().minusSeconds(1));
        QwenOAuthProperties.Lock threeTries = new QwenOAuthProperties.Lock(FAST_LOCK.staleAfter(), Duration.ofMillis(1),
                1.5, Duration.ofMillis(2), 3);

        assertThatThrownBy(() -> lock(threeTries).acquire())
                .isInstanceOf(CredentialFileLock.LockTimeoutException.class)
                .hasMessageContaining("3 attempts");

        assertThat(Files.readString(lockFile())).isEqualTo(owner);
    }

    @Test
    void releasingDeletesOnlyOurOwnLock() throws Exception {
        CredentialFileLock.Held held = lock(FAST_LOCK).acquire();
        // The CLI deleted our lock on exit, and a third process took it meanwhile.
        Files.delete(lockFile());
        String thirdParty = heldByAnotherProcess();

        held.close();

        assertThat(Files.readString(lockFile())).isEqualTo(thirdParty);
    }

    @Test
    void releasingAVanishedLockIsHarmless() throws Exception {
        CredentialFileLock.Held held = lock(FAST_LOCK).acquire();
        Files.delete(lockFile());

        held.close();

        assertThat(lockFile()).doesNotExist();
    }
}
