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
        QwenOAuthProperties oauth = AuthTestSupport.oauthProperties(home, sim.baseUrl());
        LoginProperties twoAtMost = new LoginProperties(AuthTestSupport.TWO_SECONDS, Duration.ofSeconds(10), 1.5, 2,
                new LoginProperties.Qr(4, 8));
        logins = new PendingLogins(new DeviceLoginStarter(AuthTestSupport.deviceFlowClient(oauth),
                AuthTestSupport.completion(oauth, clock), twoAtMost, clock), twoAtMost, clock);
        credentialsFile = home.resolve("oauth_creds.json");
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void aStartedLoginIsFoundByItsDeviceCodeOnly() throws Exception {
        DeviceLogin login = logins.start(credentialsFile);

        assertThat(logins.find(login.code().deviceCode())).containsSame(login);
        assertThat(logins.find(login.code().userCode())).isEmpty();
    }

    @Test
    void beyondTheLimitNewLoginsAreRefusedWith429UntilTheOldestExpire() throws Exception {
        DeviceLogin first = logins.start(credentialsFile);
        logins.start(credentialsFile);
        int deviceCodeRequests = sim.oauth().deviceCodeCount();

        assertThatThrownBy(() -> logins.start(credentialsFile)).isInstanceOfSatisfying(ApiException.class,
                error -> assertThat(error.code()).isEqualTo("too_many_pending_logins"));
        assertThat(sim.oauth().deviceCodeCount()).as("refused before asking Qwen").isEqualTo(deviceCodeRequests);

        clock.advance(Duration.between(clock.instant(), first.deadline()));
        assertThat(logins.find(first.code().deviceCode())).as("expired logins are forgotten").isEmpty();
        assertThat(logins.start(credentialsFile)).isNotNull();
    }
}
