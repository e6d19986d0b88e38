package io.qwengateway.credentials;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Talks to the Qwen OAuth server's form-encoded endpoints with the headers it insists on ({@code User-Agent} always,
 * {@code Accept: application/json}). Refresh here; the device flow of the login builds on {@link #postForm}.
 */
public class QwenOAuthClient {

    private final QwenOAuthProperties properties;
    private final CloseableHttpClient http;
    private final ObjectMapper json;
    private final Retry transportRetry;

    public QwenOAuthClient(QwenOAuthProperties properties, CloseableHttpClient http, ObjectMapper json) {
        this.properties = properties;
        this.http = http;
        this.json = json;
        // Network blips and 5xx on the token endpoint are retried at once, whatever the quota state: a refresh that
        // fails for a transport reason would otherwise leave every request waiting for the cooldown.
        this.transportRetry = Retry.of("qwen-oauth-token", RetryConfig.custom()
                .maxAttempts(3)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(200), 2.0, 0.5))
                .retryOnException(e -> e instanceof TokenRefreshException refresh && refresh.isTransport())
                .build());
    }

    public QwenOAuthProperties properties() {
        return properties;
    }

    /** Exchanges a refresh token for a new access token (and, when the server rotates it, a new refresh token). */
    public TokenResponse refresh(String refreshToken) throws TokenRefreshException {
        FormBody form = new FormBody()
                .add("grant_type", "refresh_token")
                .add("refresh_token", refreshToken)
                .add("client_id", properties.clientId());
        try {
            return transportRetry.executeCallable(() -> refreshOnce(form));
        } catch (TokenRefreshException e) {
            throw e;
        } catch (Exception e) {
            throw TokenRefreshException.transport("Token refresh failed: " + e.getMessage(), e);
        }
    }

    private TokenResponse refreshOnce(FormBody form) throws TokenRefreshException {
        FormResponse response;
        try {
            response = postForm(properties.tokenEndpoint(), form, Map.of());
        } catch (IOException e) {
            throw TokenRefreshException.transport("Token endpoint unreachable: " + e.getMessage(), e);
        }
        if (response.status() == 400 || response.status() == 401) {
            throw TokenRefreshException.rejected("The refresh token was rejected (" + response.status() + " "
                    + response.errorDescription() + ")");
        }
        if (response.status() >= 500) {
            throw TokenRefreshException.transport("Token endpoint answered " + response.status(), null);
        }
        if (response.status() < 200 || response.status() >= 300) {
            throw TokenRefreshException.passing("Token endpoint answered " + response.status() + " "
                    + response.errorDescription());
        }
        JsonNode body = response.body();
        if (body == null || !body.isObject()) {
            throw TokenRefreshException.passing("Token endpoint answered " + response.status()
                    + " without a JSON body");
        }
        if (body.hasNonNull("error")) {
            throw TokenRefreshException.passing("Token endpoint answered " + response.status() + " with error "
                    + response.errorDescription());
        }
        TokenResponse token = tokenResponse(body);
        if (token.accessToken() == null || token.accessToken().isBlank()) {
            throw TokenRefreshException.passing("Token endpoint answered without an access_token");
        }
        return token;
    }

    /** Reads a token endpoint success body (device grant or refresh grant). */
    public static TokenResponse tokenResponse(JsonNode body) {
        return new TokenResponse(
                textOrNull(body, "access_token"),
                textOrNull(body, "refresh_token"),
                textOrNull(body, "token_type"),
                body.path("expires_in").asLong(3600),
                textOrNull(body, "resource_url"));
    }

    /**
     * POSTs a form and reads the answer. The body is parsed as JSON when it is JSON; the WAF in front of the server
     * answers HTML, which leaves {@link FormResponse#body()} null.
     */
    public FormResponse postForm(URI endpoint, FormBody form, Map<String, String> extraHeaders) throws IOException {
        HttpPost post = new HttpPost(endpoint);
        post.setHeader("Accept", "application/json");
        post.setHeader("User-Agent", properties.userAgent());
        post.setHeader("x-request-id", UUID.randomUUID().toString());
        extraHeaders.forEach(post::setHeader);
        post.setEntity(new StringEntity(form.encoded(),
                ContentType.create("application/x-www-form-urlencoded", StandardCharsets.UTF_8)));
        return http.execute(post, response -> {
            String text = response.getEntity() == null ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new FormResponse(response.getCode(), parseOrNull(text), text);
        });
    }

    private JsonNode parseOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** The status and body of a form POST; {@code body} is null when the answer was not JSON. */
    public record FormResponse(int status, JsonNode body, String rawBody) {

        /** {@code error} and {@code error_description} of an OAuth error body, or a note that there was none. */
        public String errorDescription() {
            if (body == null) {
                return "(non-JSON body)";
            }
            String error = body.path("error").asString("");
            String description = body.path("error_description").asString("");
            return (error + " " + description).trim();
        }

        public String error() {
            return body == null ? "" : body.path("error").asString("");
        }

        @Override
        public String toString() {
            return "FormResponse[status=" + status + "]";
        }
    }
}
