package io.qwengateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.RecordedRequest;
import io.qwengateway.simulator.RefreshOutcome;
import io.qwengateway.simulator.SimulatedCredentials;

/** The refresh grant against the simulated token endpoint: how each answer of the real service is classified. */
class QwenOAuthClientTest {

    private static QwenSimulator simulator;
    private static CloseableHttpClient http;
    private static QwenOAuthClient client;

    private SimulatedCredentials login;

    @BeforeAll
    static void start() {
        simulator = QwenSimulator.start();
        // As the gateway's oauthHttpClient: httpclient's own retries (of 503s, for one) are off.
        http = HttpClients.custom().disableAutomaticRetries().disableCookieManagement().build();
        QwenOAuthProperties properties = CredentialFixtures.properties(Path.of("unused"),
                URI.create(simulator.baseUrl()), Duration.ZERO);
        client = new QwenOAuthClient(properties, http, CredentialFixtures.JSON);
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        simulator.close();
    }

    @BeforeEach
    void freshLogin() {
        simulator.reset();
        login = simulator.oauth().issueCredentials();
    }

    private TokenRefreshException failureOf(RefreshOutcome... outcomes) {
        simulator.oauth().enqueueRefreshOutcome(outcomes);
        return catchThrowableOfType(TokenRefreshException.class, () -> client.refresh(login.refreshToken()));
    }

    @Test
    void aRotationReturnsTheNewTokens() throws Exception {
        TokenResponse token = client.refresh(login.refreshToken());

        assertThat(token.accessToken()).isNotBlank().isNotEqualTo(login.accessToken());
        assertThat(token.refreshToken()).isNotBlank().isNotEqualTo(login.refreshToken());
        assertThat(token.resourceUrl()).isEqualTo(simulator.oauth().resourceUrl());
        assertThat(token.expiresInSeconds()).isEqualTo(3600);
    }

    @Test
    void theRefreshFormIsSentTheWayTheCliSendsIt() throws Exception {
        client.refresh(login.refreshToken());

        RecordedRequest sent = simulator.recordedRequests("/api/v1/oauth2/token").get(0);
        assertThat(sent.body()).isEqualTo("grant_type=refresh_token&refresh_token="
                + FormBody.encodeUriComponent(login.refreshToken()) + "&client_id=f0304373b74a44d2b584a3fb70ca9e56");
        assertThat(sent.header("User-Agent")).contains("QwenCode/0.15.11 (linux; x64)");
        assertThat(sent.header("Accept")).contains("application/json");
        assertThat(sent.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-www-form-urlencoded"));
    }

    @Test
    void aResponseWithoutRefreshTokenLeavesItOut() throws Exception {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.OMIT_REFRESH_TOKEN);

        assertThat(client.refresh(login.refreshToken()).refreshToken()).isNull();
    }

    @Test
    void a400MeansTheRefreshTokenIsDead() {
        TokenRefreshException failure = failureOf(RefreshOutcome.DEAD_REFRESH_TOKEN);

        assertThat(failure.refreshTokenRejected()).isTrue();
        assertThat(failure).hasMessageContaining("400").hasMessageContaining("invalid_grant");
        assertThat(simulator.oauth().refreshCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = RefreshOutcome.class, names = {"ERROR_IN_2XX", "EMPTY_2XX", "NON_JSON_2XX"})
    void anErrorOrGarbageInsideA2xxIsAPassingFailureNotRetriedAtOnce(RefreshOutcome outcome) {
        TokenRefreshException failure = failureOf(outcome);

        assertThat(failure.refreshTokenRejected()).isFalse();
        assertThat(failure.isTransport()).isFalse();
        assertThat(simulator.oauth().refreshCount()).isEqualTo(1);
    }

    @Test
    void a5xxIsRetriedAtOnceAndThenSucceeds() throws Exception {
        simulator.oauth().enqueueRefreshOutcome(RefreshOutcome.SERVER_ERROR);

        assertThat(client.refresh(login.refreshToken()).accessToken()).isNotBlank();
        assertThat(simulator.oauth().refreshCount()).isEqualTo(2);
    }

    @Test
    void a5xxThatLastsIsAPassingTransportFailureAfterThreeAttempts() {
        TokenRefreshException failure = failureOf(RefreshOutcome.SERVER_ERROR, RefreshOutcome.SERVER_ERROR,
                RefreshOutcome.SERVER_ERROR);

        assertThat(failure.refreshTokenRejected()).isFalse();
        assertThat(failure.isTransport()).isTrue();
        assertThat(failure).hasMessageContaining("503");
        assertThat(simulator.oauth().refreshCount()).isEqualTo(3);
    }

    @Test
    void anUnreachableEndpointIsATransportFailure() throws Exception {
        QwenOAuthProperties nowhere = CredentialFixtures.properties(Path.of("unused"), URI.create("http://127.0.0.1:9"),
                Duration.ZERO);

        TokenRefreshException failure = catchThrowableOfType(TokenRefreshException.class,
                () -> new QwenOAuthClient(nowhere, http, CredentialFixtures.JSON).refresh("r"));

        assertThat(failure.isTransport()).isTrue();
        assertThat(failure.refreshTokenRejected()).isFalse();
    }
}
