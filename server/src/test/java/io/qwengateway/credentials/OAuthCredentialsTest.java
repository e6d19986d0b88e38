package io.qwengateway.credentials;

import static io.qwengateway.credentials.CredentialFixtures.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.node.ObjectNode;

class OAuthCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final OAuthCredentials STORED = new OAuthCredentials("old-access", "old-refresh", "Bearer",
            "portal.qwen.ai", NOW.toEpochMilli());

    @Test
    void threeNonEmptyStringsAndANonZeroExpiryAreComplete() {
        assertThat(new OAuthCredentials("a", "r", "Bearer", null, 1).isComplete()).isTrue();
    }

    @ParameterizedTest(name = "access={0} refresh={1} type={2} expiry={3}")
    @CsvSource(nullValues = "null", value = {
            "null, r, Bearer, 1",
            "'',   r, Bearer, 1",
            "a, ' ',  Bearer, 1",
            "a, null, Bearer, 1",
            "a, r,    '',     1",
            "a, r,    null,   1",
            "a, r,    Bearer, 0"})
    void aMissingStringOrAZeroExpiryIsIncomplete(String access, String refresh, String type, long expiry) {
        assertThat(new OAuthCredentials(access, refresh, type, "portal.qwen.ai", expiry).isComplete()).isFalse();
    }

    @Test
    void aTokenExpiresWithinTheMarginFromExactlyThatFarBeforeItsExpiry() {
        Duration margin = Duration.ofSeconds(30);

        assertThat(STORED.expiresWithin(margin, NOW.minusSeconds(30))).isTrue();
        assertThat(STORED.expiresWithin(margin, NOW.minusSeconds(30).minusMillis(1))).isFalse();
        assertThat(STORED.expiresWithin(margin, NOW.plusSeconds(3600))).isTrue();
    }

    @Test
    void aRefreshWithoutRefreshTokenOrResourceUrlKeepsTheOldOnes() {
        OAuthCredentials refreshed = STORED.refreshedWith(new TokenResponse("new-access", null, null, 7200, null), NOW);

        assertThat(refreshed).isEqualTo(new OAuthCredentials("new-access", "old-refresh", "Bearer", "portal.qwen.ai",
                NOW.plusSeconds(7200).toEpochMilli()));
    }

    @Test
    void aRefreshWithNewValuesTakesThemAndKeepsUnknownFields() {
        OAuthCredentials stored = OAuthCredentials.fromJson(JSON.readTree("""
                {"access_token":"a","refresh_token":"r","token_type":"Bearer","expiry_date":1,"cli_extra":{"x":1}}"""));

        OAuthCredentials refreshed = stored.refreshedWith(
                new TokenResponse("new-access", "new-refresh", "bearer", 60, "other.qwen.ai"), NOW);

        assertThat(refreshed.refreshToken()).isEqualTo("new-refresh");
        assertThat(refreshed.tokenType()).isEqualTo("bearer");
        assertThat(refreshed.resourceUrl()).isEqualTo("other.qwen.ai");
        assertThat(refreshed.expiryDate()).isEqualTo(NOW.toEpochMilli() + 60_000);
        assertThat(refreshed.toJson().get("cli_extra")).isEqualTo(JSON.readTree("{\"x\":1}"));
    }

    @Test
    void aFirstLoginWithoutTokenTypeIsBearer() {
        OAuthCredentials login = OAuthCredentials.fromTokenResponse(new TokenResponse("a", "r", null, 10, "portal.qwen.ai"), NOW);

        assertThat(login.tokenType()).isEqualTo("Bearer");
        assertThat(login.expiry()).isEqualTo(NOW.plusSeconds(10));
    }

    @Test
    void jsonIsWrittenInTheClisKeyOrderWithUnknownFieldsKeptInTheirOrder() {
        OAuthCredentials read = OAuthCredentials.fromJson(JSON.readTree("""
                {"zeta":1,"expiry_date":5,"resource_url":"portal.qwen.ai","alpha":"a","refresh_token":"r",
                 "mid":[true],"token_type":"Bearer","beta":null,"access_token":"a"}"""));

        ObjectNode written = read.toJson();

        assertThat(List.copyOf(written.propertyNames())).containsExactly("access_token", "token_type", "refresh_token",
                "resource_url", "expiry_date", "zeta", "alpha", "mid", "beta");
        assertThat(written.get("beta").isNull()).isTrue();
    }

    @Test
    void anAbsentResourceUrlIsNotWrittenAsNull() {
        assertThat(new OAuthCredentials("a", "r", "Bearer", null, 5).toJson().has("resource_url")).isFalse();
    }

    @Test
    void toStringNeverShowsATokenAndNeitherDoTheTypesCarryingThem() {
        TokenResponse response = new TokenResponse("access-secret", "refresh-secret", "Bearer", 60, "portal.qwen.ai");
        UpstreamCredential upstream = new UpstreamCredential("access-secret", "https://portal.qwen.ai/v1", java.util.Map.of());

        assertThat(List.of(STORED.refreshedWith(response, NOW).toString(), response.toString(), upstream.toString()))
                .allSatisfy(text -> assertThat(text).doesNotContain("secret").doesNotContain("old-refresh"));
    }
}
