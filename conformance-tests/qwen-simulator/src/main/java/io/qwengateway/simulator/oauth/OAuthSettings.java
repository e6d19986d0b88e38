package io.qwengateway.simulator.oauth;

import java.time.Duration;

/**
 * The fixed facts of the simulated authorization server.
 *
 * @param baseUrl     where the simulator listens, for verification URIs
 * @param resourceUrl what token answers give as {@code resource_url}
 */
public record OAuthSettings(String clientId, Duration accessTokenTtl, String baseUrl, String resourceUrl) {

    static final String SCOPE = "openid profile email model.completion";
}
