package io.qwengateway.observe.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class MaskingTest {

    private final Masking masking = new Masking(List.of("client-key-0123456789abcdef"), JsonMapper.builder().build());

    @Test
    void aSecretKeepsOnlyItsFirstAndLastFourCharacters() {
        assertThat(Masking.mask("sk-abcdefghijklmnop1234")).isEqualTo("sk-a…1234");
    }

    @Test
    void aShortSecretIsHiddenWhole() {
        assertThat(Masking.mask("short-key")).isEqualTo("****");
    }

    @Test
    void authorizationAndApiKeyHeadersAreMaskedAndTheSchemeStaysReadable() {
        List<Map.Entry<String, String>> headers = masking.headers(List.of(
                Map.entry("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature"),
                Map.entry("x-api-key", "sk-ant-api03-abcdefghijklmnop"),
                Map.entry("Proxy-Authorization", "Basic dXNlcjpwYXNzd29yZA=="),
                Map.entry("Content-Type", "application/json")));

        assertThat(headers).containsExactly(
                Map.entry("Authorization", "Bearer eyJh…ture"),
                Map.entry("x-api-key", "sk-a…mnop"),
                Map.entry("Proxy-Authorization", "Basic dXNl…ZA=="),
                Map.entry("Content-Type", "application/json"));
    }

    @Test
    void secretMembersOfAJsonBodyAreMaskedAndTokenCountsAreNot() {
        String body = masking.body("""
                {"max_tokens":100,"metadata":{"api_key":"key-1234567890abcdef","refresh_token":"rt-abcdefghijklmnop"},
                 "messages":[{"role":"user","content":"hi"}]}""");

        assertThat(body).contains("\"max_tokens\":100").contains("\"api_key\":\"key-…cdef\"")
                .contains("\"refresh_token\":\"rt-a…mnop\"").contains("\"content\":\"hi\"")
                .doesNotContain("key-1234567890abcdef").doesNotContain("rt-abcdefghijklmnop");
    }

    @Test
    void theGatewaysOwnKeysBearerTokensAndSkKeysAreMaskedInAnyText() {
        String text = masking.text("my key is client-key-0123456789abcdef, Qwen's is sk-0123456789abcdefXYZ and "
                + "the header said Bearer abcdefghijklmnopqrstuvwxyz");

        assertThat(text).isEqualTo("my key is clie…cdef, Qwen's is sk-0…fXYZ and the header said Bearer abcd…wxyz");
    }

    @Test
    void aBodyThatIsNoJsonIsMaskedAsText() {
        assertThat(masking.body("{cut off, Bearer abcdefghijklmnopqrstuvwxyz")).isEqualTo("{cut off, Bearer abcd…wxyz");
    }
}
