package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.support.RandomIds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every token pair the simulator issued. Access tokens live until their own expiry, even after a refresh replaced
 * them (as on the real service); refresh tokens rotate, and a rotated-away one is refused.
 */
public final class TokenRegistry {

    /** One issued pair. */
    public record IssuedTokens(String accessToken, String refreshToken, Instant accessTokenExpiresAt) {
    }

    private final Clock clock;
    private final Map<String, Instant> accessTokenExpiries = new ConcurrentHashMap<>();
    private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();

    public TokenRegistry(Clock clock) {
        this.clock = clock;
    }

    /** A fresh pair; a zero or negative {@code accessTokenTtl} gives an access token that is already expired. */
    public IssuedTokens issue(Duration accessTokenTtl) {
        IssuedTokens tokens = new IssuedTokens(
                RandomIds.opaqueToken(), RandomIds.opaqueToken(), clock.instant().plus(accessTokenTtl));
        accessTokenExpiries.put(tokens.accessToken(), tokens.accessTokenExpiresAt());
        liveRefreshTokens.add(tokens.refreshToken());
        return tokens;
    }

    /**
     * Exchanges a refresh token for a new access token.
     *
     * @param rotate true: a new refresh token replaces the presented one, which stops working; false: the presented
     *               one stays valid and is returned again (the answer will omit it)
     * @return empty if the refresh token is unknown, revoked or already rotated away. Under concurrency exactly one
     *         of several refreshes with the same token wins the rotation, as on a real server.
     */
    public Optional<IssuedTokens> refresh(String refreshToken, Duration accessTokenTtl, boolean rotate) {
        boolean accepted = rotate ? liveRefreshTokens.remove(refreshToken) : liveRefreshTokens.contains(refreshToken);
        if (!accepted) {
            return Optional.empty();
        }
        String nextRefreshToken = rotate ? RandomIds.opaqueToken() : refreshToken;
        IssuedTokens tokens = new IssuedTokens(
                RandomIds.opaqueToken(), nextRefreshToken, clock.instant().plus(accessTokenTtl));
        accessTokenExpiries.put(tokens.accessToken(), tokens.accessTokenExpiresAt());
        liveRefreshTokens.add(nextRefreshToken);
        return Optional.of(tokens);
    }

    public void revokeRefreshToken(String refreshToken) {
        liveRefreshTokens.remove(refreshToken);
    }

    public boolean isLiveAccessToken(String accessToken) {
        Instant expiresAt = accessTokenExpiries.get(accessToken);
        return expiresAt != null && clock.instant().isBefore(expiresAt);
    }

    public void clear() {
        accessTokenExpiries.clear();
        liveRefreshTokens.clear();
    }
}
