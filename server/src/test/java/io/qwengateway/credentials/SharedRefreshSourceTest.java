package io.qwengateway.credentials;

import static io.qwengateway.credentials.CredentialFixtures.JSON;
import static io.qwengateway.credentials.CredentialFixtures.credentials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

import io.qwengateway.credentials.SharedRefresh.Publication;
import io.qwengateway.support.MutableClock;

/** The credential source's side of the cluster's refresh lease: who refreshes, who adopts, and who never writes. */
class SharedRefreshSourceTest {

    private static final SharedRefreshProperties TIMINGS = new SharedRefreshProperties(Duration.ofSeconds(5),
            Duration.ofMillis(300), Duration.ofMillis(5), Duration.ofMillis(50), "");

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.startingNow();
    private final ScriptedSharedRefresh cluster = new ScriptedSharedRefresh();
    private QwenOAuthProperties properties;
    private CredentialFileStore store;
    private ScriptedOAuthClient oauth;

    @BeforeEach
    void setUp() {
        properties = CredentialFixtures.properties(home, URI.create("http://127.0.0.1:9"), Duration.ZERO);
        store = new CredentialFileStore(properties.credentialsFile(), JSON);
        oauth = new ScriptedOAuthClient(properties);
    }

    private QwenOAuthCredentialSource source() {
        CredentialFileLock lock = new CredentialFileLock(home.resolve(CredentialFiles.LOCK_FILE), properties.lock(),
                clock);
        return new QwenOAuthCredentialSource(properties, store, lock, oauth, clock, "default", cluster, TIMINGS);
    }

    private void fileHolds(String accessToken, String refreshToken, Duration validFor) throws IOException {
        store.write(credentials(accessToken, refreshToken, clock.instant().plus(validFor).toEpochMilli()));
    }

    private OAuthCredentials pair(String accessToken, String refreshToken, Duration validFor) {
        return credentials(accessToken, refreshToken, clock.instant().plus(validFor).toEpochMilli());
    }

    @Test
    void theReplicaHoldingTheLeaseRefreshesPublishesWritesAndReleases() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ZERO);
        cluster.thenLease(Publication.PUBLISHED);
        oauth.thenToken("access-2", "refresh-2");

        assertThat(source().current().bearerToken()).isEqualTo("access-2");

        assertThat(oauth.refreshTokensSent()).containsExactly("refresh-1");
        assertThat(cluster.publishedHere()).extracting(OAuthCredentials::refreshToken).containsExactly("refresh-2");
        assertThat(store.read().orElseThrow().refreshToken()).isEqualTo("refresh-2");
        assertThat(cluster.released()).containsExactly(1L);
    }

    @Test
    void aReplicaThatLosesItsLeaseNeverWritesNorServesItsToken() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ZERO);
        byte[] before = Files.readAllBytes(store.file());
        cluster.thenLease(Publication.LEASE_LOST);
        oauth.thenToken("access-2", "refresh-2");
        QwenOAuthCredentialSource source = source();

        assertThatThrownBy(source::current).isInstanceOfSatisfying(CredentialUnavailableException.class,
                e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));

        assertThat(Files.readAllBytes(store.file())).as("the file is never written").isEqualTo(before);
        assertThat(cluster.publishedHere()).isEmpty();
        assertThat(cluster.released()).containsExactly(1L);
    }

    @Test
    void aReplicaThatLosesItsLeaseAdoptsThePairWithTheHigherFencingToken() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ZERO);
        cluster.thenLease(Publication.LEASE_LOST);
        // The replica that took the lease over published while this one's refresh was still under way.
        oauth.then(() -> {
            cluster.publishedElsewhere(7, pair("access-other", "refresh-other", Duration.ofHours(1)));
            return new TokenResponse("access-late", "refresh-late", "Bearer", 3600, null);
        });

        assertThat(source().current().bearerToken()).isEqualTo("access-other");

        assertThat(store.read().orElseThrow().refreshToken()).isEqualTo("refresh-other");
        assertThat(cluster.publishedHere()).isEmpty();
    }

    @Test
    void aReplicaWaitingForTheLeaseAdoptsThePublishedPairWithoutRefreshing() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ZERO);
        cluster.thenHeldElsewhere(1000);
        QwenOAuthCredentialSource source = source();
        Thread publisher = publishSoon(pair("access-2", "refresh-2", Duration.ofHours(1)));

        assertThat(source.current().bearerToken()).isEqualTo("access-2");
        joinQuietly(publisher);

        assertThat(oauth.refreshTokensSent()).isEmpty();
        assertThat(store.read().orElseThrow().refreshToken()).as("written under the file lock").isEqualTo("refresh-2");
    }

    @Test
    void whileAnotherReplicaRefreshesAStillValidTokenIsServedAtOnce() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofSeconds(10));
        cluster.thenHeldElsewhere(1);

        assertThat(source().current().bearerToken()).isEqualTo("access-1");

        assertThat(oauth.refreshTokensSent()).isEmpty();
    }

    @Test
    void aRejectedTokenIsNotServedAgainWhileAnotherReplicaRefreshes() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();
        UpstreamCredential rejected = source.current();
        cluster.thenHeldElsewhere(1000);

        assertThatThrownBy(() -> source.renewAfterRejection(rejected))
                .isInstanceOfSatisfying(CredentialUnavailableException.class,
                        e -> assertThat(e.getMessage()).contains("Another gateway replica is refreshing"));

        assertThat(oauth.refreshTokensSent()).isEmpty();
    }

    @Test
    void anAnnouncedPairIsAdoptedAtOnceWithoutARequest() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();

        cluster.publishedElsewhere(2, pair("access-2", "refresh-2", Duration.ofHours(2)));

        assertThat(source.current().bearerToken()).isEqualTo("access-2");
        assertThat(store.read().orElseThrow().refreshToken()).isEqualTo("refresh-2");
    }

    @Test
    void aPairAnnouncedWhileTheFileIsBeingReloadedIsAdoptedOnTheNextUse() throws IOException {
        AtomicReference<Runnable> duringNextRead = new AtomicReference<>();
        store = new CredentialFileStore(properties.credentialsFile(), JSON) {
            @Override
            public Optional<OAuthCredentials> read() throws IOException {
                Runnable during = duringNextRead.getAndSet(null);
                if (during != null) {
                    during.run();
                }
                return super.read();
            }
        };
        fileHolds("access-1", "refresh-1", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();
        assertThat(source.current().bearerToken()).isEqualTo("access-1");
        // The file changes, and while this replica reloads it (holding its lock), another one announces a newer pair.
        fileHolds("access-1b", "refresh-1b", Duration.ofHours(1).plusMinutes(1));
        duringNextRead.set(() -> cluster.publishedElsewhere(2, pair("access-2", "refresh-2", Duration.ofHours(2))));

        String served = source.current().bearerToken();

        assertThat(duringNextRead.get()).as("the announcement came during the reload").isNull();
        assertThat(served).isEqualTo("access-2");
        assertThat(source.current().bearerToken()).isEqualTo("access-2");
        assertThat(store.read().orElseThrow().refreshToken()).isEqualTo("refresh-2");
    }

    @Test
    void aPublishedPairOlderThanTheFileIsNotAdopted() throws IOException {
        fileHolds("access-login", "refresh-login", Duration.ofHours(1));
        QwenOAuthCredentialSource source = source();

        cluster.publishedElsewhere(9, pair("access-old", "refresh-old", Duration.ofMinutes(10)));

        assertThat(source.current().bearerToken()).as("a new login in the file beats an older shared pair")
                .isEqualTo("access-login");
    }

    @Test
    void withRedisUnreachableLongerThanTheGraceTheReplicaRefreshesUnderTheFileLockAlone() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ZERO);
        cluster.thenUnreachable(1000);
        oauth.thenToken("access-2", "refresh-2");

        assertThat(source().current().bearerToken()).isEqualTo("access-2");

        assertThat(store.read().orElseThrow().refreshToken()).isEqualTo("refresh-2");
        assertThat(cluster.publishedHere()).isEmpty();
    }

    @Test
    void aBlipOfRedisIsWaitedOutRatherThanRefreshedAlone() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ZERO);
        cluster.thenUnreachable(2).thenHeldElsewhere(1000);
        QwenOAuthCredentialSource source = source();
        Thread publisher = publishSoon(pair("access-2", "refresh-2", Duration.ofHours(1)));

        assertThat(source.current().bearerToken()).isEqualTo("access-2");
        joinQuietly(publisher);

        assertThat(oauth.refreshTokensSent()).as("no refresh beside the replica holding the lease").isEmpty();
    }

    @Test
    void aRefreshThatCannotBePublishedIsStillKeptAndWritten() throws IOException {
        fileHolds("access-1", "refresh-1", Duration.ZERO);
        cluster.thenLease(Publication.UNPUBLISHED);
        oauth.thenToken("access-2", "refresh-2");

        assertThat(source().current().bearerToken()).isEqualTo("access-2");

        assertThat(store.read().orElseThrow().refreshToken()).as("the old refresh token may be spent: keep the new")
                .isEqualTo("refresh-2");
    }

    /** Another replica, which holds the lease, publishes {@code credentials} a moment from now. */
    private Thread publishSoon(OAuthCredentials credentials) {
        Thread publisher = new Thread(() -> {
            sleep(30);
            cluster.publishedElsewhere(3, credentials);
        });
        publisher.start();
        return publisher;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
