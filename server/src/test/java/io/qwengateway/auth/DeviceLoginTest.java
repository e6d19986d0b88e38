package io.qwengateway.auth;

import io.qwengateway.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.auth.LoginProgress.State;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.simulator.QwenSimulator;

/** When a login asks the token endpoint, how it backs off, when it gives up, and what it saves. Fake time. */
class DeviceLoginTest {

    private static final String TOKEN_PATH = "/api/v1/oauth2/token";
    private static final QwenSimulator sim = QwenSimulator.start();

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.startingNow();
    private DeviceLoginStarter starter;
    private Path credentialsFile;

    @BeforeEach
    void resetSimulator() {
        sim.reset();
        starter = AuthTestSupport.starter(AuthTestSupport.oauthProperties(home, sim.baseUrl()), clock);
        credentialsFile = home.resolve("oauth_creds.json");
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void theTokenEndpointIsNotAskedBeforeTheIntervalHasPassed() throws Exception {
        DeviceLogin login = starter.start(credentialsFile);

        assertThat(login.poll(clock.instant()).state()).isEqualTo(State.PENDING);
        clock.advance(Duration.ofMillis(1999));
        assertThat(login.poll(clock.instant()).state()).isEqualTo(State.PENDING);
        assertThat(tokenRequests()).isZero();

        clock.advance(Duration.ofMillis(1));
        LoginProgress progress = login.poll(clock.instant());

        assertThat(tokenRequests()).isOne();
        assertThat(progress.nextPollAt()).isEqualTo(clock.instant().plusSeconds(2));
    }

    @Test
    void slowDownStretchesTheIntervalForTheRestOfTheLogin() throws Exception {
        DeviceLogin login = starter.start(credentialsFile);
        sim.oauth().slowDownNextPolls(2);

        clock.advance(Duration.ofSeconds(2));
        assertThat(login.poll(clock.instant()).interval().current()).isEqualTo(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(3));
        LoginProgress progress = login.poll(clock.instant());
        assertThat(progress.interval().current()).isEqualTo(Duration.ofMillis(4500));
        clock.advance(Duration.ofMillis(4500));
        progress = login.poll(clock.instant());

        assertThat(progress.state()).isEqualTo(State.PENDING);
        assertThat(progress.interval().current()).as("pending answers keep the stretched interval")
                .isEqualTo(Duration.ofMillis(4500));
        assertThat(tokenRequests()).isEqualTo(3);
    }

    @Test
    void givesUpWhenExpiresInHasRunOutWithoutAskingAgain() throws Exception {
        DeviceLogin login = starter.start(credentialsFile);

        clock.advance(Duration.between(clock.instant(), login.deadline()));
        LoginProgress progress = login.poll(clock.instant());

        assertThat(progress.state()).isEqualTo(State.EXPIRED);
        assertThat(progress.message()).contains(login.code().userCode()).contains("start a new login");
        assertThat(tokenRequests()).isZero();
    }

    @Test
    void anApprovedLoginIsSavedAtomicallyWith0600AndAnsweredAgainWithoutAskingAgain() throws Exception {
        DeviceLogin login = decidedLogin(sim.oauth()::approve);

        LoginProgress progress = login.poll(clock.instant());
        clock.advance(Duration.ofSeconds(2));

        assertThat(progress.state()).isEqualTo(State.SUCCESS);
        assertThat(login.poll(clock.instant())).isEqualTo(progress);
        assertThat(tokenRequests()).isOne();
        OAuthCredentials saved = new CredentialFileStore(credentialsFile, AuthTestSupport.JSON).read().orElseThrow();
        assertThat(saved.isComplete()).isTrue();
        assertThat(saved.resourceUrl()).isEqualTo(sim.baseUrl());
        assertThat(saved.expiry()).isEqualTo(progress.tokenExpiry());
        assertThat(Files.getPosixFilePermissions(credentialsFile))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(AuthTestSupport.hasLeftovers(home)).isFalse();
    }

    @Test
    void concurrentPollsOfOneLoginRedeemTheGrantOnce() throws Exception {
        DeviceLogin login = decidedLogin(sim.oauth()::approve);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LoginProgress>> polls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                polls.add(pool.submit(() -> login.poll(clock.instant())));
            }
            for (Future<LoginProgress> poll : polls) {
                assertThat(poll.get().state()).isEqualTo(State.SUCCESS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(tokenRequests()).isOne();
    }

    @Test
    void aDeniedLoginStaysDeniedAndSavesNothing() throws Exception {
        DeviceLogin login = decidedLogin(sim.oauth()::deny);

        assertThat(login.poll(clock.instant()).state()).isEqualTo(State.DENIED);
        clock.advance(Duration.ofSeconds(2));
        assertThat(login.poll(clock.instant()).state()).isEqualTo(State.DENIED);
        assertThat(tokenRequests()).isOne();
        assertThat(credentialsFile).doesNotExist();
    }

    /** A login the user has decided on, once its first poll is due. */
    private DeviceLogin decidedLogin(Consumer<String> decisionOnUserCode) throws Exception {
        DeviceLogin login = starter.start(credentialsFile);
        decisionOnUserCode.accept(login.code().userCode());
        clock.advance(AuthTestSupport.TWO_SECONDS);
        return login;
    }

    private int tokenRequests() {
        return sim.recordedRequests(TOKEN_PATH).size();
    }
}
