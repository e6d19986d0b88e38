package io.qwengateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.auth.LoginProgress.State;
import io.qwengateway.cluster.SharedStates;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.support.MutableClock;
import io.qwengateway.support.RedisServer;

/**
 * Logins kept in a real redis-server, polled through two {@link SharedLogins} that stand for two replicas: the
 * interval, {@code slow_down}, the claim and the final state cross from one to the other. Fake time.
 */
class SharedLoginsTest {

    private static final String TOKEN_PATH = "/api/v1/oauth2/token";
    private static final QwenSimulator sim = QwenSimulator.start();
    private static RedisServer redis;

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.startingNow();
    private SharedStates.Connection first;
    private SharedStates.Connection second;
    private DeviceLoginStarter starterOnFirst;
    private SharedLogins onFirst;
    private SharedLogins onSecond;
    private Path credentialsFile;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() {
        redis.close();
        sim.close();
    }

    @BeforeEach
    void twoReplicas() {
        sim.reset();
        first = SharedStates.connect(redis);
        second = SharedStates.connect(redis);
        QwenOAuthProperties oauth = AuthTestSupport.oauthProperties(home, sim.baseUrl());
        onFirst = replica(first, oauth);
        onSecond = replica(second, oauth);
        starterOnFirst = new DeviceLoginStarter(AuthTestSupport.deviceFlowClient(oauth),
                AuthTestSupport.completion(oauth, clock), AuthTestSupport.loginProperties(), clock,
                Optional.of(onFirst));
        credentialsFile = home.resolve("oauth_creds.json");
    }

    private SharedLogins replica(SharedStates.Connection state, QwenOAuthProperties oauth) {
        return new SharedLogins(state.state(), AuthTestSupport.loginProperties(),
                AuthTestSupport.deviceFlowClient(oauth), AuthTestSupport.completion(oauth, clock),
                AuthTestSupport.JSON, clock);
    }

    @AfterEach
    void closeConnections() {
        first.close();
        second.close();
    }

    @Test
    void aLoginStartedOnOneReplicaIsSavedOnceWhenPolledOnTheOther() throws Exception {
        DeviceLogin started = starterOnFirst.start(credentialsFile);
        sim.oauth().approve(started.code().userCode());
        clock.advance(AuthTestSupport.TWO_SECONDS);

        DeviceLogin elsewhere = onSecond.find(started.code().deviceCode()).orElseThrow();
        LoginProgress success = elsewhere.poll(clock.instant());

        assertThat(success.state()).isEqualTo(State.SUCCESS);
        assertThat(elsewhere.code()).isEqualTo(started.code());
        assertThat(started.poll(clock.instant())).as("the first replica answers the same outcome").isEqualTo(success);
        assertThat(tokenRequests()).isOne();
        assertThat(new CredentialFileStore(credentialsFile, AuthTestSupport.JSON).read().orElseThrow().expiry())
                .isEqualTo(success.tokenExpiry());
    }

    @Test
    void slowDownAnsweredToOneReplicaStretchesTheIntervalOnTheOther() throws Exception {
        DeviceLogin started = starterOnFirst.start(credentialsFile);
        sim.oauth().slowDownNextPolls(1);
        clock.advance(AuthTestSupport.TWO_SECONDS);

        LoginProgress slowedDown = onSecond.find(started.code().deviceCode()).orElseThrow().poll(clock.instant());
        assertThat(slowedDown.interval().current()).isEqualTo(Duration.ofSeconds(3));

        clock.advance(Duration.ofMillis(2999));
        LoginProgress early = started.poll(clock.instant());
        assertThat(early.state()).isEqualTo(State.PENDING);
        assertThat(early.interval().current()).isEqualTo(Duration.ofSeconds(3));
        assertThat(started.interval().current()).isEqualTo(Duration.ofSeconds(3));
        assertThat(tokenRequests()).as("not asked before the stretched interval").isOne();

        clock.advance(Duration.ofMillis(1));
        assertThat(started.poll(clock.instant()).nextPollAt()).isEqualTo(clock.instant().plusSeconds(3));
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void concurrentPollsOnBothReplicasRedeemTheGrantOnce() throws Exception {
        DeviceLogin started = starterOnFirst.start(credentialsFile);
        sim.oauth().approve(started.code().userCode());
        clock.advance(AuthTestSupport.TWO_SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<LoginProgress>> polls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SharedLogins replica = i % 2 == 0 ? onFirst : onSecond;
                polls.add(pool.submit(() -> replica.find(started.code().deviceCode()).orElseThrow()
                        .poll(clock.instant())));
            }
            for (Future<LoginProgress> poll : polls) {
                assertThat(poll.get().state()).as("pending while another holds the claim, then success")
                        .isIn(State.PENDING, State.SUCCESS);
            }
        } finally {
            pool.shutdown();
        }
        assertThat(started.poll(clock.instant()).state()).isEqualTo(State.SUCCESS);
        assertThat(tokenRequests()).isOne();
    }

    @Test
    void aClaimHeldByAPollerThatVanishedDelaysTheLoginByItsLeaseOnly() throws Exception {
        DeviceLogin started = starterOnFirst.start(credentialsFile);
        clock.advance(AuthTestSupport.TWO_SECONDS);
        String lease = Long.toString(clock.instant().plus(SharedLogins.CLAIM_LEASE).toEpochMilli());
        redis.command("HSET", key(started), "lease_until", lease, "fence", "7");

        assertThat(onSecond.find(started.code().deviceCode()).orElseThrow().poll(clock.instant()).state())
                .isEqualTo(State.PENDING);
        assertThat(tokenRequests()).isZero();

        clock.advance(SharedLogins.CLAIM_LEASE);
        sim.oauth().approve(started.code().userCode());
        assertThat(onSecond.find(started.code().deviceCode()).orElseThrow().poll(clock.instant()).state())
                .isEqualTo(State.SUCCESS);
        assertThat(tokenRequests()).isOne();
    }

    @Test
    void theVerifierIsInRedisOnlyUntilTheLoginIsDecidedAndTheLoginExpiresWithItsDeviceCode() throws Exception {
        DeviceLogin started = starterOnFirst.start(credentialsFile);
        assertThat(redis.command("HEXISTS", key(started), "verifier")).startsWith(":1");
        long ttl = Long.parseLong(redis.command("PTTL", key(started)).substring(1).strip());
        assertThat(Duration.ofMillis(ttl)).isBetween(started.code().expiresIn().minusSeconds(5),
                started.code().expiresIn());
        assertThat(redis.command("KEYS", "*" + started.code().deviceCode() + "*"))
                .as("the device code names no key").startsWith("*0");

        sim.oauth().deny(started.code().userCode());
        clock.advance(AuthTestSupport.TWO_SECONDS);
        assertThat(onSecond.find(started.code().deviceCode()).orElseThrow().poll(clock.instant()).state())
                .isEqualTo(State.DENIED);

        assertThat(redis.command("HEXISTS", key(started), "verifier")).startsWith(":0");
        assertThat(started.poll(clock.instant()).state()).isEqualTo(State.DENIED);
        assertThat(credentialsFile).doesNotExist();
    }

    private static String key(DeviceLogin login) {
        return "{qwen-gateway}:login:" + Pkce.challengeOf(login.code().deviceCode());
    }

    private int tokenRequests() {
        return sim.recordedRequests(TOKEN_PATH).size();
    }
}
