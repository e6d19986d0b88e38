package io.qwengateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qwengateway.credentials.ApiKeyCredentialSource;
import io.qwengateway.credentials.ApiKeyProperties;
import io.qwengateway.credentials.CredentialFileLock;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.CredentialState;
import io.qwengateway.credentials.QwenOAuthClient;
import io.qwengateway.credentials.QwenOAuthCredentialSource;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.credentials.TokenResponse;

class LoginCompletionTest {

    private static final TokenResponse TOKEN =
            new TokenResponse("new-access-token", "new-refresh-token", "Bearer", 3600, "portal.qwen.ai");

    @TempDir
    Path home;

    private final Clock clock = Clock.systemUTC();
    private QwenOAuthProperties properties;

    @BeforeEach
    void servedAccountNeverRereadsTheFile() {
        // A file check once an hour: whatever the served source learns in a test, it learned from the completion.
        properties = AuthTestSupport.oauthProperties(home, "http://127.0.0.1:9", "", Duration.ofHours(1));
    }

    @Test
    void theServedSourceAdoptsTheNewLoginAtOnce() throws Exception {
        QwenOAuthCredentialSource served = oauthSource();
        assertThat(served.status().state()).isEqualTo(CredentialState.MISSING);

        completion(served).complete(properties.credentialsFile(), TOKEN);

        assertThat(served.status().state()).isEqualTo(CredentialState.VALID);
        assertThat(served.current().bearerToken()).isEqualTo("new-access-token");
    }

    @Test
    void aLoginToAnotherAccountIsSavedButNotServed() throws Exception {
        QwenOAuthCredentialSource served = oauthSource();
        Path other = CredentialFiles.pathFor(home, "other");

        completion(served).complete(other, TOKEN);

        assertThat(new CredentialFileStore(other, AuthTestSupport.JSON).read()).isPresent();
        assertThat(served.status().state()).isEqualTo(CredentialState.MISSING);
    }

    @Test
    void aGatewayServingAnApiKeyStillSavesTheLogin() throws Exception {
        CredentialSource apiKey = new ApiKeyCredentialSource(new ApiKeyProperties("sk-test", "http://x/v1", Map.of()));

        completion(apiKey).complete(properties.credentialsFile(), TOKEN);

        assertThat(new CredentialFileStore(properties.credentialsFile(), AuthTestSupport.JSON).read().orElseThrow()
                .accessToken()).isEqualTo("new-access-token");
    }

    @Test
    void afterShutdownBeganNothingIsWritten() throws Exception {
        LoginCompletion completion = AuthTestSupport.completion(properties, clock);

        completion.stopSaving();

        assertThatThrownBy(() -> completion.complete(properties.credentialsFile(), TOKEN))
                .isInstanceOf(IOException.class).hasMessageContaining("shutting down");
        assertThat(properties.credentialsFile()).doesNotExist();
        assertThat(AuthTestSupport.hasLeftovers(home)).isFalse();
    }

    private LoginCompletion completion(CredentialSource served) {
        return new LoginCompletion(properties, AuthTestSupport.JSON, clock, Optional.of(served));
    }

    private QwenOAuthCredentialSource oauthSource() {
        return new QwenOAuthCredentialSource(properties,
                new CredentialFileStore(properties.credentialsFile(), AuthTestSupport.JSON),
                new CredentialFileLock(home.resolve(CredentialFiles.LOCK_FILE), properties.lock(), clock),
                new QwenOAuthClient(properties, HttpClients.createDefault(), AuthTestSupport.JSON), clock);
    }
}
