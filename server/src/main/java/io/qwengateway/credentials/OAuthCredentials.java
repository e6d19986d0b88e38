package io.qwengateway.credentials;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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

    private static final String ACCESS_TOKEN = "access_token";
    private static final String REFRESH_TOKEN = "refresh_token";
    private static final String TOKEN_TYPE = "token_type";
    private static final String RESOURCE_URL = "resource_url";
    private static final String EXPIRY_DATE = "expiry_date";
    private static final Set<String> KNOWN = Set.of(ACCESS_TOKEN, REFRESH_TOKEN, TOKEN_TYPE, RESOURCE_URL, EXPIRY_DATE);
    /**
     * The largest time an ECMAScript {@code Date} holds (+275760-09-13): the CLI reads {@code expiry_date} into one,
     * so a value past it is no time at all, for the CLI as for the gateway.
     */
    private static final BigDecimal MAX_EXPIRY_DATE = BigDecimal.valueOf(8_640_000_000_000_000L);

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
        return missingFields().isEmpty();
    }

    /** The fields {@link #isComplete} finds missing or empty, by their names in the file. */
    public List<String> missingFields() {
        List<String> missing = new ArrayList<>();
        if (!notBlank(accessToken)) {
            missing.add(ACCESS_TOKEN);
        }
        if (!notBlank(refreshToken)) {
            missing.add(REFRESH_TOKEN);
        }
        if (!notBlank(tokenType)) {
            missing.add(TOKEN_TYPE);
        }
        if (expiryDate == 0) {
            missing.add(EXPIRY_DATE);
        }
        return missing;
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

    /** @throws InvalidFieldException when a field holds what no login writes, e.g. an expiry out of range */
    public static OAuthCredentials fromJson(JsonNode node) {
        Map<String, JsonNode> others = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            if (!KNOWN.contains(field.getKey())) {
                others.put(field.getKey(), field.getValue());
            }
        });
        return new OAuthCredentials(
                text(node, ACCESS_TOKEN),
                text(node, REFRESH_TOKEN),
                text(node, TOKEN_TYPE),
                text(node, RESOURCE_URL),
                expiryDate(node.get(EXPIRY_DATE)),
                others);
    }

    /** In the CLI's key order, so that a file written by either looks the same. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put(ACCESS_TOKEN, accessToken);
        node.put(TOKEN_TYPE, tokenType);
        node.put(REFRESH_TOKEN, refreshToken);
        if (resourceUrl != null) {
            node.put(RESOURCE_URL, resourceUrl);
        }
        node.put(EXPIRY_DATE, expiryDate);
        otherFields.forEach(node::set);
        return node;
    }

    /** Never prints a token: records print their fields, and these end up in logs and exception messages. */
    @Override
    public String toString() {
        return "OAuthCredentials[resourceUrl=" + resourceUrl + ", expiry=" + expiry() + "]";
    }

    /**
     * Epoch milliseconds, as a number or (leniently) as numeric text; 0, which makes the credentials incomplete, when
     * the field is absent or null. Anything else is named precisely: it used to read as 0 and then as "incomplete".
     */
    private static long expiryDate(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        BigDecimal millis;
        if (value.isNumber()) {
            if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                throw outOfRange(value);
            }
            millis = value.decimalValue();
        } else if (value.isString()) {
            try {
                millis = new BigDecimal(value.asString().trim());
            } catch (NumberFormatException e) {
                throw new InvalidFieldException(EXPIRY_DATE + " must be a number (epoch milliseconds), not text");
            }
        } else {
            throw new InvalidFieldException(EXPIRY_DATE + " must be a number (epoch milliseconds), not "
                    + value.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (millis.abs().compareTo(MAX_EXPIRY_DATE) > 0) {
            throw outOfRange(value);
        }
        return millis.longValue();
    }

    private static InvalidFieldException outOfRange(JsonNode value) {
        return new InvalidFieldException(EXPIRY_DATE + " " + value + " is out of range: epoch milliseconds go up to "
                + MAX_EXPIRY_DATE + " (the year 275760)");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    /** A field of the file holds a value of the wrong kind or range; the message names the field, never a token. */
    public static class InvalidFieldException extends IllegalArgumentException {
        public InvalidFieldException(String message) {
            super(message);
        }
    }
}
