package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.oauth.TokenRegistry.IssuedTokens;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;

/** The body of a successful token answer, for both grants. */
final class TokenAnswer {

    private TokenAnswer() {
    }

    static ObjectNode of(IssuedTokens tokens, Duration accessTokenTtl, String resourceUrl,
                         boolean includeRefreshToken, boolean includeResourceUrl) {
        ObjectNode body = Json.object();
        body.put("access_token", tokens.accessToken());
        if (includeRefreshToken) {
            body.put("refresh_token", tokens.refreshToken());
        }
        body.put("token_type", "Bearer");
        body.put("expires_in", accessTokenTtl.toSeconds());
        if (includeResourceUrl) {
            body.put("resource_url", resourceUrl);
        }
        return body;
    }
}
