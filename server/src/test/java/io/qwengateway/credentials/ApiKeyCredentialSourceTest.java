package io.qwengateway.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ApiKeyCredentialSourceTest {

    private final ApiKeyCredentialSource source = new ApiKeyCredentialSource(new ApiKeyProperties("sk-test-key",
            "https://coding.dashscope.aliyuncs.com/v1/", Map.of("X-Extra", "1")));

    @Test
    void servesTheKeyAtItsBaseUrlWithItsHeaders() {
        UpstreamCredential credential = source.current();

        assertThat(credential.bearerToken()).isEqualTo("sk-test-key");
        assertThat(credential.baseUrl()).isEqualTo("https://coding.dashscope.aliyuncs.com/v1");
        assertThat(credential.headers()).containsExactly(Map.entry("X-Extra", "1"));
        assertThat(credential.toString()).doesNotContain("sk-test-key");
    }

    @Test
    void aRefusedKeyCannotBeRenewedAndSaysWhichSettingToCheck() {
        CredentialUnavailableException error = catchThrowableOfType(CredentialUnavailableException.class,
                () -> source.renewAfterRejection(source.current()));

        assertThat(error.status()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(error.getMessage()).contains("QWEN_API_KEY").doesNotContain("sk-test-key");
    }

    @Test
    void aKeyIsAlwaysReportedUsable() {
        CredentialStatus status = source.status();

        assertThat(status.state()).isEqualTo(CredentialState.VALID);
        assertThat(status.usable()).isTrue();
        assertThat(status.toString()).doesNotContain("sk-test-key");
    }
}
