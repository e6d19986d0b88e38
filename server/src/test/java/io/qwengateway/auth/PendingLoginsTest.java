package io.qwengateway.auth;

import io.qwengateway.support.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.errors.ApiException;
import io.qwengateway.simulator.QwenSimulator;

class PendingLoginsTest {

    private static final QwenSimulator sim = QwenSimulator.start();

    @TempDir
    Path home;

    private final MutableClock clock = MutableClock.startingNow();
    private PendingLogins logins;
    private Path credentialsFile;

    @BeforeEach
    void atMostTwoPendingLogins() {
        logins = pendingLogins(new LoginProperties(AuthTestSupport.TWO_SECONDS, Duration.ofSeconds(10), 1.5, 2,
                new LoginProperties.Qr(4, 8)));
        credentialsFile = home.resolve("oauth_creds.json");
    }

    private PendingLogins pendingLogins(LoginProperties limits) {
        QwenOAuthProperties oauth = AuthTestSupport.oauthProperties(home, sim.baseUrl());
        return new PendingLogins(new DeviceLoginStarter(AuthTestSupport.deviceFlowClient(oauth),
                AuthTestSupport.completion(oauth, clock), limits, clock), limits, clock);
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void aStartedLoginIsFoundByItsDeviceCodeOnly() throws Exception {
        DeviceLogin login = logins.start(credentialsFile, "address 127.0.0.1");

        assertThat(logins.find(login.code().deviceCode())).containsSame(login);
        assertThat(logins.find(login.code().userCode())).isEmpty();
    }

    @Test
    void beyondTheLimitNewLoginsAreRefusedWith429UntilTheOldestExpire() throws Exception {
        DeviceLogin first = logins.start(credentialsFile, "address 127.0.0.1");
        logins.start(credentialsFile, "address 127.0.0.1");
        int deviceCodeRequests = sim.oauth().deviceCodeCount();

        assertThatThrownBy(() -> logins.start(credentialsFile, "address 127.0.0.1")).isInstanceOfSatisfying(ApiException.class,
                error -> assertThat(error.code()).isEqualTo("too_many_pending_logins"));
        assertThat(sim.oauth().deviceCodeCount()).as("refused before asking Qwen").isEqualTo(deviceCodeRequests);

        clock.advance(Duration.between(clock.instant(), first.deadline()));
        assertThat(logins.find(first.code().deviceCode())).as("expired logins are forgotten").isEmpty();
        assertThat(logins.start(credentialsFile, "address 127.0.0.1")).isNotNull();
    }

    @Test
    void oneCallerAtItsLimitLeavesTheOthersFreeToLogIn() throws Exception {
        PendingLogins perCaller = pendingLogins(new LoginProperties(AuthTestSupport.TWO_SECONDS,
                Duration.ofSeconds(10), 1.5, 10, 2, new LoginProperties.Qr(4, 8)));
        perCaller.start(credentialsFile, "client key #1");
        perCaller.start(credentialsFile, "client key #1");

        assertThatThrownBy(() -> perCaller.start(credentialsFile, "client key #1"))
                .isInstanceOfSatisfying(ApiException.class, error -> {
                    assertThat(error.code()).isEqualTo("too_many_pending_logins");
                    assertThat(error.status().value()).isEqualTo(429);
                });
        assertThat(perCaller.start(credentialsFile, "client key #2")).isNotNull();
        assertThat(perCaller.start(credentialsFile, "address 10.0.0.7")).isNotNull();
    }

    @Test
    void aPerCallerLimitAboveTheTotalIsCappedByTheTotal() {
        LoginProperties limits = new LoginProperties(AuthTestSupport.TWO_SECONDS, Duration.ofSeconds(10), 1.5, 3, 50,
                new LoginProperties.Qr(4, 8));

        assertThat(limits.maxPendingPerCaller()).isEqualTo(3);
    }
}
