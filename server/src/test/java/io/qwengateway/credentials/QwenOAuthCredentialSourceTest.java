package io.qwengateway.credentials;

import io.qwengateway.support.MutableClock;
import static io.qwengateway.credentials.CredentialFixtures.JSON;
import static io.qwengateway.credentials.CredentialFixtures.credentials;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;

@ExtendWith(OutputCaptureExtension.class)
class QwenOAuthCredentialSourceTest {

    private static final Duration EVERY_CALL = Duration.ZERO;

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.startingNow();
    private QwenOAuthProperties properties;
    private CredentialFileStore store;
    private ScriptedOAuthClient oauth;

    @BeforeEach
    void setUp() {
        properties = CredentialFixtures.properties(home, URI.create("http://127.0.0.1:9"), EVERY_CALL);
        store = new CredentialFileStore(properties.credentialsFile(), JSON);
        oauth = new ScriptedOAuthClient(properties);
    }

    private QwenOAuthCredentialSource source() {
        return source(properties);
    }

    private QwenOAuthCredentialSource source(QwenOAuthProperties settings) {
        CredentialFileLock lock = new CredentialFileLock(home.resolve(CredentialFiles.LOCK_FILE), settings.lock(), clock);
        return new QwenOAuthCredentialSource(settings, store, lock, oauth, clock);
    }

    /** Writes the file as another process would: its own tokens, and an mtime of its own. */
    private void fileHolds(String accessToken, String refreshToken, Duration validFor) throws IOException {
        FileTime previous = store.lastModified().orElse(FileTime.fromMillis(0));
        store.write(credentials(accessToken, refreshToken, clock.instant().plus(validFor).toEpochMilli()));
        Files.setLastModifiedTime(store.file(), FileTime.fromMillis(Math.max(previous.toMillis() + 2000,
                Files.getLastModifiedTime(store.file()).toMillis())));
    }

    /** Writes the file as this gateway does, leaving its mtime as the file system set it. */
    private void write(String accessToken, String refreshToken, Duration validFor) throws IOException {
        store.write(credentials(accessToken, refreshToken, clock.instant().plus(validFor).toEpochMilli()));
    }

    private static HttpStatus statusOf(Runnable call) {
        try {
            call.run();
        } catch (CredentialUnavailableException e) {
            return e.status();
        }
        throw new AssertionError("expected a CredentialUnavailableException");
    }

    @Test
    void servesTheFilesTokenAtItsResourceUrlWithTheOAuthHeaders() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));

        UpstreamCredential credential = source().current();

        assertThat(credential.bearerToken()).isEqualTo("access-1");
        assertThat(credential.baseUrl()).isEqualTo("https://portal.qwen.ai/v1");
        assertThat(credential.headers()).containsEntry("X-DashScope-AuthType", "qwen-oauth");
        assertThat(source().status().state()).isEqualTo(CredentialState.VALID);
        assertThat(oauth.refreshTokensSent()).isEmpty();
    }

    @Test
    void refreshesOnlyFrom30SecondsBeforeExpiry() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(31));
        QwenOAuthCredentialSource source = source();
        oauth.thenToken("access-2", "refresh-2");

        assertThat(source.current().bearerToken()).isEqualTo("access-1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(source.current().bearerToken()).isEqualTo("access-2");
        assertThat(source.current().bearerToken()).isEqualTo("access-2");

        assertThat(oauth.refreshTokensSent()).containsExactly("refresh-1");
        OAuthCredentials saved = store.read().orElseThrow();
        assertThat(saved).isEqualTo(new OAuthCredentials("access-2", "refresh-2", "Bearer", "portal.qwen.ai",
                clock.instant().plusSeconds(3600).toEpochMilli()));
    }

    @Test
    void aDeadRefreshTokenAsksForALoginOnceAndLeavesTheFileByteIdentical() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(10));
        byte[] before = Files.readAllBytes(store.file());
        FileTime modified = store.lastModified().orElseThrow();
        QwenOAuthCredentialSource source = source();
        oauth.thenFailure(TokenRefreshException.rejected("The refresh token was rejected (400 invalid_grant)"));

        assertThat(statusOf(source::current)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(statusOf(source::current)).isEqualTo(HttpStatus.UNAUTHORIZED);

        assertThat(oauth.refreshTokensSent()).hasSize(1);
        CredentialStatus status = source.status();
        assertThat(status.state()).isEqualTo(CredentialState.LOGIN_REQUIRED);
        assertThat(status.usable()).isFalse();
        assertThat(status.message()).contains("invalid_grant", "Log in");
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
        assertThat(store.lastModified()).contains(modified);
    }

    static Stream<Arguments> passingFailures() {
        return Stream.of(
                Arguments.of(TokenRefreshException.transport("Token endpoint answered 503", null)),
                Arguments.of(TokenRefreshException.passing("Token endpoint answered 200 with error server_error")),
                Arguments.of(TokenRefreshException.passing("Token endpoint answered 200 without a JSON body")));
    }

    @ParameterizedTest
    @MethodSource("passingFailures")
    void aPassingFailureKeepsTheStillValidTokenAndReportsRefreshFailed(TokenRefreshException failure) throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(10));
        byte[] before = Files.readAllBytes(store.file());
        QwenOAuthCredentialSource source = source();
        oauth.thenFailure(failure);

        assertThat(source.current().bearerToken()).isEqualTo("access-1");

        CredentialStatus status = source.status();
        assertThat(status.state()).isEqualTo(CredentialState.REFRESH_FAILED);
        assertThat(status.usable()).isTrue();
        assertThat(status.message()).contains(failure.getMessage());
        assertThat(Files.readAllBytes(store.file())).isEqualTo(before);
    }

    @Test
    void aPassingFailureAfterExpiryIsATemporary503() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(-1));
        QwenOAuthCredentialSource source = source();
        oauth.thenFailure(TokenRefreshException.passing("Token endpoint answered 200 without a JSON body"));

        assertThat(statusOf(source::current)).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(source.status().state()).isEqualTo(CredentialState.REFRESH_FAILED);
    }

    @Test
    void afterAPassingFailureTheCooldownPreventsHammeringTheTokenEndpoint() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(20));
        QwenOAuthCredentialSource source = source();
        oauth.thenFailure(TokenRefreshException.transport("Token endpoint answered 503", null))
                .thenToken("access-2", "refresh-2");

        for (int i = 0; i < 5; i++) {
            assertThat(source.current().bearerToken()).isEqualTo("access-1");
        }
        assertThat(oauth.refreshTokensSent()).hasSize(1);

        clock.advance(properties.refreshCooldown());
        assertThat(source.current().bearerToken()).isEqualTo("access-2");
        assertThat(oauth.refreshTokensSent()).hasSize(2);
        assertThat(source.status().state()).isEqualTo(CredentialState.VALID);
    }

    @Test
    void aFileChangedByAnotherProcessIsPickedUpByItsNewModificationTime() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();
        assertThat(source.current().bearerToken()).isEqualTo("access-1");

        fileHolds("access-cli", "refresh-cli", Duration.ofHours(1));

        assertThat(source.current().bearerToken()).isEqualTo("access-cli");
        assertThat(oauth.refreshTokensSent()).isEmpty();
    }

    @Test
    void aFileReplacedWithinTheSameClockTickIsNoticedThoughItsModificationTimeIsUnchanged() throws IOException {
        // Long settled, so that only the file's identity can tell the new one apart.
        FileTime tick = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        write("access-1", "refresh-1", Duration.ofHours(1));
        Files.setLastModifiedTime(store.file(), tick);
        QwenOAuthCredentialSource source = source();
        assertThat(source.current().bearerToken()).isEqualTo("access-1");

        // Written and renamed into place as this gateway, other replicas and the tests' simulator do: another inode,
        // the same size and, within one coarse file-system tick, the same mtime.
        write("access-2", "refresh-2", Duration.ofHours(1));
        Files.setLastModifiedTime(store.file(), tick);

        assertThat(source.current().bearerToken()).isEqualTo("access-2");
    }

    @Test
    void aFileRewrittenInPlaceWithinTheSameTickIsNoticedByItsContentWhileItChangedRecently() throws IOException {
        write("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();
        assertThat(source.current().bearerToken()).isEqualTo("access-1");
        FileTime tick = store.lastModified().orElseThrow();
        byte[] rewritten = Files.readString(store.file()).replace("access-1", "access-2").getBytes();

        Files.write(store.file(), rewritten); // in place: same inode, same size
        Files.setLastModifiedTime(store.file(), tick);

        assertThat(source.current().bearerToken()).isEqualTo("access-2");
    }

    @Test
    void aRecentRewriteOfTheSamePairKeepsADeadRefreshTokenDead() throws IOException {
        write("access-1", "refresh-1", Duration.ofSeconds(10));
        QwenOAuthCredentialSource source = source();
        oauth.thenFailure(TokenRefreshException.rejected("The refresh token was rejected (400 invalid_grant)"));
        assertThat(statusOf(source::current)).isEqualTo(HttpStatus.UNAUTHORIZED);
        FileTime tick = store.lastModified().orElseThrow();

        Files.write(store.file(), Files.readAllBytes(store.file()));
        Files.setLastModifiedTime(store.file(), tick);

        assertThat(statusOf(source::current)).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(source.status().state()).isEqualTo(CredentialState.LOGIN_REQUIRED);
        assertThat(oauth.refreshTokensSent()).hasSize(1);
    }

    @Test
    void aRefreshByAnotherProcessWhileWeWaitedForTheLockIsUsedInsteadOfRefreshing() throws Exception {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(10));
        // Never look at the mtime again: only the re-read under the lock can see the other process's token.
        QwenOAuthCredentialSource source = source(
                CredentialFixtures.properties(home, URI.create("http://127.0.0.1:9"), Duration.ofHours(1)));
        Path lockFile = home.resolve(CredentialFiles.LOCK_FILE);
        Files.writeString(lockFile, "cli-owner-uuid");

        CompletableFuture<String> token = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                token.complete(source.current().bearerToken());
            } catch (RuntimeException | AssertionError e) {
                token.completeExceptionally(e);
            }
        });
        worker.start();
        awaitSleeping(worker);
        fileHolds("access-cli", "refresh-cli", Duration.ofHours(1));
        Files.delete(lockFile);

        assertThat(token.get(5, TimeUnit.SECONDS)).isEqualTo("access-cli");
        assertThat(oauth.refreshTokensSent()).isEmpty();
        assertThat(source.status().state()).isEqualTo(CredentialState.VALID);
    }

    @Test
    void theRefreshAfterARejectionHappensOnceHoweverManyRequestsReportTheSameToken() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();
        UpstreamCredential rejected = source.current();
        oauth.thenToken("access-2", "refresh-2");

        assertThat(source.renewAfterRejection(rejected).bearerToken()).isEqualTo("access-2");
        assertThat(source.renewAfterRejection(rejected).bearerToken()).isEqualTo("access-2");

        assertThat(oauth.refreshTokensSent()).containsExactly("refresh-1");
    }

    @Test
    void aRejectionAnsweredFromAnExpiredPairFoundInTheFileRefreshesThatPairFirst() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();
        UpstreamCredential rejected = source.current();
        fileHolds("access-expired", "refresh-expired", Duration.ZERO);
        oauth.thenToken("access-2", "refresh-2");

        assertThat(source.renewAfterRejection(rejected).bearerToken()).isEqualTo("access-2");
        assertThat(oauth.refreshTokensSent()).containsExactly("refresh-expired");
    }

    @Test
    void aPassingRefreshFailureAfterARejectionNeverHandsBackTheRejectedToken() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();
        UpstreamCredential rejected = source.current();
        oauth.thenFailure(TokenRefreshException.transport("Token endpoint answered 503", null));

        assertThat(statusOf(() -> source.renewAfterRejection(rejected))).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(statusOf(() -> source.renewAfterRejection(rejected))).as("during the cooldown")
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        assertThat(oauth.refreshTokensSent()).hasSize(1);
        assertThat(source.status().state()).isEqualTo(CredentialState.REFRESH_FAILED);
    }

    @Test
    void aFreshTokenRejectedAgainAsksForALogin() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();

        source.rejectedAfterRenewal(source.current());

        assertThat(source.status().state()).isEqualTo(CredentialState.LOGIN_REQUIRED);
        assertThat(statusOf(source::current)).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aNewLoginWrittenByTheCliAfterADeadRefreshTokenIsServed() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(10));
        QwenOAuthCredentialSource source = source();
        oauth.thenFailure(TokenRefreshException.rejected("The refresh token was rejected (400 invalid_grant)"));
        statusOf(source::current);

        fileHolds("access-login", "refresh-login", Duration.ofHours(6));

        assertThat(source.current().bearerToken()).isEqualTo("access-login");
        assertThat(source.status().state()).isEqualTo(CredentialState.VALID);
    }

    @Test
    void aFileCorruptedLaterDoesNotTakeTheLoadedTokenAway() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();
        source.current();

        Files.writeString(store.file(), "{\"access_tok");
        Files.setLastModifiedTime(store.file(), FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(source.current().bearerToken()).isEqualTo("access-1");
    }

    @Test
    void withoutAFileTheStatusIsMissingAndRequestsAreToldHowToLogIn() {
        QwenOAuthCredentialSource source = source();

        CredentialStatus status = source.status();

        assertThat(status.state()).isEqualTo(CredentialState.MISSING);
        assertThat(status.message()).contains(store.file().toString());
        assertThat(statusOf(source::current)).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anIncompleteFileIsMissingCredentialsAndNamesTheMissingField() throws IOException {
        Files.writeString(store.file(), "{\"access_token\": \"a\", \"refresh_token\": \"\", \"token_type\": \"Bearer\", \"expiry_date\": 5}");

        CredentialStatus status = source().status();

        assertThat(status.state()).isEqualTo(CredentialState.MISSING);
        assertThat(status.message()).startsWith(store.file() + " is incomplete: refresh_token is missing or empty");
    }

    @Test
    void anExpiryOutOfRangeIsNamedAsSuchNotAsIncomplete() throws IOException {
        Files.writeString(store.file(), "{\"access_token\": \"a\", \"refresh_token\": \"r\", \"token_type\": \"Bearer\", \"expiry_date\": 1e300}");

        CredentialStatus status = source().status();

        assertThat(status.state()).isEqualTo(CredentialState.MISSING);
        assertThat(status.message()).startsWith(store.file() + ": expiry_date 1.0E300 is out of range")
                .doesNotContain("incomplete");
    }

    @Test
    void anUnreadableFileSaysWhy() throws IOException {
        Files.createDirectories(store.file());

        assertThat(source().status().message())
                .startsWith("Cannot read " + store.file() + ": it is a directory, not a file. Log in");
    }

    @Test
    void aFileOthersCanReadIsWarnedAboutOnceNotOnEveryRequest(CapturedOutput output) throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        Files.setPosixFilePermissions(store.file(), PosixFilePermissions.fromString("rw-r--r--"));
        QwenOAuthCredentialSource source = source();

        for (int i = 0; i < 5; i++) {
            assertThat(source.current().bearerToken()).isEqualTo("access-1");
        }

        assertThat(output.getOut().lines().filter(line -> line.contains(store.file() + " can be read or changed by "
                + "other users (mode 0644)"))).hasSize(1);
    }

    @Test
    void aTokenWithinTheRefreshMarginIsReportedAsExpiringWithoutRefreshing() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(20));

        CredentialStatus status = source().status();

        assertThat(status.state()).isEqualTo(CredentialState.EXPIRING);
        assertThat(status.expiry()).isEqualTo(clock.instant().plusSeconds(20));
        assertThat(oauth.refreshTokensSent()).isEmpty();
    }

    @Test
    void theStatusNeverContainsAToken() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(10));
        QwenOAuthCredentialSource source = source();
        oauth.thenFailure(TokenRefreshException.passing("Token endpoint answered 502"))
                .thenFailure(TokenRefreshException.rejected("The refresh token was rejected (401 unauthorized)"));
        List<CredentialStatus> statuses = new ArrayList<>();

        statuses.add(source.status());
        source.current();
        statuses.add(source.status());
        clock.advance(properties.refreshCooldown());
        statusOf(source::current);
        statuses.add(source.status());

        assertThat(statuses).extracting(CredentialStatus::state).containsExactly(CredentialState.EXPIRING,
                CredentialState.REFRESH_FAILED, CredentialState.LOGIN_REQUIRED);
        assertThat(statuses).allSatisfy(status -> assertThat(status.toString())
                .doesNotContain("access-1").doesNotContain("refresh-1"));
    }

    private static void awaitSleeping(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            assertThat(System.nanoTime()).as("the worker waits for the lock").isLessThan(deadline);
            Thread.sleep(2);
        }
    }
}
