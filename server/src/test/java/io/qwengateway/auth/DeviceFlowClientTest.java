package io.qwengateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.auth.PollOutcome.Status;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.RecordedRequest;

/** The device flow on the wire, against the simulator, which rejects anything the real server may reject. */
class DeviceFlowClientTest {

    private static final String DEVICE_CODE_PATH = "/api/v1/oauth2/device/code";
    private static final String TOKEN_PATH = "/api/v1/oauth2/token";
    private static final QwenSimulator sim = QwenSimulator.start();

    @TempDir
    Path home;

    private DeviceFlowClient client;

    @BeforeEach
    void resetSimulator() {
        sim.reset();
        client = AuthTestSupport.deviceFlowClient(AuthTestSupport.oauthProperties(home, sim.baseUrl()));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Test
    void deviceCodeRequestSendsTheFieldsInTheCliOrderWithPercent20AndItsHeaders() throws Exception {
        Pkce pkce = Pkce.generate();

        DeviceCode code = client.requestDeviceCode(pkce);

        RecordedRequest request = sim.recordedRequests(DEVICE_CODE_PATH).get(0);
        assertThat(request.body()).isEqualTo("client_id=f0304373b74a44d2b584a3fb70ca9e56"
                + "&scope=openid%20profile%20email%20model.completion"
                + "&code_challenge=" + pkce.challenge() + "&code_challenge_method=S256");
        assertThat(request.header("User-Agent")).hasValue("QwenCode/0.15.11 (linux; x64)");
        assertThat(request.header("Accept")).hasValue("application/json");
        assertThat(UUID.fromString(request.header("x-request-id").orElseThrow())).isNotNull();
        assertThat(code.verificationUriComplete()).contains("user_code=" + code.userCode());
        assertThat(code.expiresIn()).isPositive();
    }

    @Test
    void pollSendsTheFieldsInTheCliOrderAndReportsPendingUntilApproved() throws Exception {
        Pkce pkce = Pkce.generate();
        DeviceCode code = client.requestDeviceCode(pkce);

        assertThat(client.poll(code.deviceCode(), pkce).status()).isEqualTo(Status.PENDING);

        String body = sim.recordedRequests(TOKEN_PATH).get(0).body();
        assertThat(body).startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code"
                + "&client_id=f0304373b74a44d2b584a3fb70ca9e56&device_code=")
                .endsWith("&code_verifier=" + pkce.verifier());
    }

    @Test
    void approvedLoginIsGrantedTokens() throws Exception {
        Pkce pkce = Pkce.generate();
        DeviceCode code = client.requestDeviceCode(pkce);
        sim.oauth().approve(code.userCode());

        PollOutcome outcome = client.poll(code.deviceCode(), pkce);

        assertThat(outcome.status()).isEqualTo(Status.GRANTED);
        assertThat(outcome.token().accessToken()).isNotBlank();
        assertThat(outcome.token().refreshToken()).isNotBlank();
        assertThat(outcome.token().resourceUrl()).isEqualTo(sim.baseUrl());
    }

    @Test
    void aWrongVerifierIsRefusedByTheServerAndTheRightOneStillWorks() throws Exception {
        Pkce pkce = Pkce.generate();
        DeviceCode code = client.requestDeviceCode(pkce);
        sim.oauth().approve(code.userCode());

        PollOutcome impostor = client.poll(code.deviceCode(), Pkce.generate());

        assertThat(impostor.status()).isEqualTo(Status.REFUSED);
        assertThat(impostor.detail()).contains("PKCE");
        assertThat(client.poll(code.deviceCode(), pkce).status()).isEqualTo(Status.GRANTED);
    }

    @Test
    void slowDownDeniedAndExpiredAreTold() throws Exception {
        Pkce pkce = Pkce.generate();
        DeviceCode denied = client.requestDeviceCode(pkce);
        DeviceCode expired = client.requestDeviceCode(pkce);

        sim.oauth().slowDownNextPolls(1);
        assertThat(client.poll(denied.deviceCode(), pkce).status()).isEqualTo(Status.SLOW_DOWN);
        sim.oauth().deny(denied.userCode());
        assertThat(client.poll(denied.deviceCode(), pkce).status()).isEqualTo(Status.DENIED);
        sim.oauth().expire(expired.deviceCode());
        assertThat(client.poll(expired.deviceCode(), pkce).status()).isEqualTo(Status.EXPIRED);
    }

    @Test
    void anUnreachableServerIsAPassingProblemForPollsAndAFailureToStart() {
        QwenSimulator stopped = QwenSimulator.start();
        stopped.close();
        DeviceFlowClient offline = AuthTestSupport.deviceFlowClient(
                AuthTestSupport.oauthProperties(home, stopped.baseUrl()));

        assertThat(offline.poll("some-device-code", Pkce.generate()).status()).isEqualTo(Status.UNAVAILABLE);
        assertThatThrownBy(() -> offline.requestDeviceCode(Pkce.generate()))
                .isInstanceOf(DeviceFlowException.class)
                .hasMessageContaining("cannot be reached");
    }
}
