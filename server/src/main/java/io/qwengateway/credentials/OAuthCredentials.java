package io.qwengateway.credentials;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The content of {@code oauth_creds.json} as the qwen-code CLI writes it. Fields this class does not know are kept
 * and written back, so that the gateway never loses what a newer CLI stored.
 *
 * @param expiryDate epoch milliseconds, as in the file
 */
public record OAuthCredentials(
        String accessToken,
        String refreshToken,
        String tokenType,
        String resourceUrl,
        long expiryDate,
        Map<String, JsonNode> otherFields) {

    private static final java.util.Set<String> KNOWN =
            java.util.Set.of("access_token", "refresh_token", "token_type", "resource_url", "expiry_date");

    public OAuthCredentials {
        // Kept in the file's order (Map.copyOf would shuffle it), so a rewrite changes nothing a newer CLI stored.
        otherFields = otherFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(otherFields));
    }

    public OAuthCredentials(String accessToken, String refreshToken, String tokenType, String resourceUrl,
            long expiryDate) {
        this(accessToken, refreshToken, tokenType, resourceUrl, expiryDate, Map.of());
    }

    /** The CLI's own validity rule: three non-empty strings and a non-zero expiry. */
    public boolean isComplete() {
        return notBlank(accessToken) && notBlank(refreshToken) && notBlank(tokenType) && expiryDate != 0;
    }

    /** True once the token is within {@code margin} of its expiry: it must be refreshed before use. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return now.plus(margin).toEpochMilli() >= expiryDate;
    }

    public Instant expiry() {
        return Instant.ofEpochMilli(expiryDate);
    }

    /**
     * The credentials after a refresh: the new access token and expiry, and the old refresh token and resource URL
     * where the refresh response left them out (it may; the CLI loses resource_url when it does).
     */
    public OAuthCredentials refreshedWith(TokenResponse response, Instant now) {
        return new OAuthCredentials(
                response.accessToken(),
                notBlank(response.refreshToken()) ? response.refreshToken() : refreshToken,
                notBlank(response.tokenType()) ? response.tokenType() : tokenType,
                notBlank(response.resourceUrl()) ? response.resourceUrl() : resourceUrl,
                now.plusSeconds(response.expiresInSeconds()).toEpochMilli(),
                otherFields);
    }

    public static OAuthCredentials fromTokenResponse(TokenResponse response, Instant now) {
        return new OAuthCredentials(response.accessToken(), response.refreshToken(),
                notBlank(response.tokenType()) ? response.tokenType() : "Bearer", response.resourceUrl(),
                now.plusSeconds(response.expiresInSeconds()).toEpochMilli());
    }

    public static OAuthCredentials fromJson(JsonNode node) {
        Map<String, JsonNode> others = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            if (!KNOWN.contains(field.getKey())) {
                others.put(field.getKey(), field.getValue());
            }
        });
        return new OAuthCredentials(
                text(node, "access_token"),
                text(node, "refresh_token"),
                text(node, "token_type"),
                text(node, "resource_url"),
                node.path("expiry_date").asLong(0),
                others);
    }

    /** In the CLI's key order, so that a file written by either looks the same. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("access_token", accessToken);
        node.put("token_type", tokenType);
        node.put("refresh_token", refreshToken);
        if (resourceUrl != null) {
            node.put("resource_url", resourceUrl);
        }
        node.put("expiry_date", expiryDate);
        otherFields.forEach(node::set);
        return node;
    }

    /** Never prints a token: records print their fields, and these end up in logs and exception messages. */
    @Override
    public String toString() {
        return "OAuthCredentials[resourceUrl=" + resourceUrl + ", expiry=" + expiry() + "]";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
