package io.qwengateway.credentials;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/** Settings and values the credential tests share: application.yml's, with short lock waits. */
final class CredentialFixtures {

    static final JsonMapper JSON = new JsonMapper();
    static final String FALLBACK_API_BASE = "https://dashscope.aliyuncs.com/compatible-mode/v1";

    /** The CLI's lock protocol, with waits in milliseconds instead of seconds. */
    static final QwenOAuthProperties.Lock FAST_LOCK =
            new QwenOAuthProperties.Lock(Duration.ofSeconds(10), Duration.ofMillis(5), 1.5, Duration.ofMillis(20), 100);

    private CredentialFixtures() {
    }

    static QwenOAuthProperties properties(Path home, URI oauthBaseUrl, Duration fileCheckInterval) {
        return new QwenOAuthProperties(home, "", oauthBaseUrl, "/api/v1/oauth2/device/code", "/api/v1/oauth2/token",
                "f0304373b74a44d2b584a3fb70ca9e56", "openid profile email model.completion",
                "QwenCode/0.15.11 (linux; x64)", Duration.ofSeconds(30), fileCheckInterval, Duration.ofSeconds(5),
                FALLBACK_API_BASE, Map.of("X-DashScope-AuthType", "qwen-oauth"), FAST_LOCK);
    }

    static OAuthCredentials credentials(String accessToken, String refreshToken, long expiryDate) {
        return new OAuthCredentials(accessToken, refreshToken, "Bearer", "portal.qwen.ai", expiryDate);
    }
}
