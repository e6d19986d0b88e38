package io.qwengateway.credentials;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.qwengateway.config.UserHome;

/**
 * Qwen OAuth constants and the shared-credentials protocol of the qwen-code CLI: {@code gateway.qwen-oauth.*}.
 * Defaults live in {@code application.yml}; every value here is a fact about the Qwen service or the CLI that may
 * change, which is why none is hard-coded.
 *
 * @param home              directory of {@code oauth_creds.json} ({@code $QWEN_HOME}, default {@code ~/.qwen}); a
 *                          leading {@code ~} is the home directory as {@link UserHome} finds it ({@code $HOME} first)
 * @param account           named account to serve ({@code oauth_creds_<account>.json}); empty for the CLI's file
 * @param oauthBaseUrl      the OAuth server ({@code $QWEN_OAUTH_BASE_URL}, default {@code https://chat.qwen.ai})
 * @param deviceCodePath    device authorization endpoint path
 * @param tokenPath         token endpoint path (device grant and refresh grant)
 * @param clientId          the qwen-code CLI's public client id
 * @param scope             scopes asked for at login
 * @param userAgent         sent on every OAuth call: the WAF in front rejects requests without one
 * @param refreshAhead      a token counts as expired this long before {@code expiry_date}
 * @param fileCheckInterval how often at most the file's mtime is checked for changes made by another process
 * @param refreshCooldown   after a failed refresh, how long before the next attempt (avoids hammering the endpoint)
 * @param fallbackApiBaseUrl model API base when the credentials carry no {@code resource_url}
 * @param upstreamHeaders   headers the model API expects with an OAuth token ({@code X-DashScope-AuthType})
 * @param lock              the CLI's cross-process lock protocol
 */
@ConfigurationProperties("gateway.qwen-oauth")
public record QwenOAuthProperties(
        Path home,
        String account,
        URI oauthBaseUrl,
        String deviceCodePath,
        String tokenPath,
        String clientId,
        String scope,
        String userAgent,
        Duration refreshAhead,
        Duration fileCheckInterval,
        Duration refreshCooldown,
        String fallbackApiBaseUrl,
        java.util.Map<String, String> upstreamHeaders,
        Lock lock) {

    public QwenOAuthProperties {
        home = UserHome.expand(home);
    }

    /**
     * @param staleAfter     a lock file older than this was left by a dead process
     * @param initialBackoff first wait when the lock is taken
     * @param multiplier     backoff growth per attempt
     * @param maxBackoff     longest single wait
     * @param maxAttempts    attempts before giving up
     */
    public record Lock(Duration staleAfter, Duration initialBackoff, double multiplier, Duration maxBackoff,
            int maxAttempts) {
    }

    /** The credentials file served: the CLI's own, or a named account's. */
    public Path credentialsFile() {
        return CredentialFiles.pathFor(home, account);
    }

    public URI tokenEndpoint() {
        return oauthBaseUrl.resolve(tokenPath);
    }

    public URI deviceCodeEndpoint() {
        return oauthBaseUrl.resolve(deviceCodePath);
    }
}
