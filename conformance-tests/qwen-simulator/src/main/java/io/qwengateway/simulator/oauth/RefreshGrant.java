package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.RefreshOutcome;
import io.qwengateway.simulator.http.ConnectionAbort;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.oauth.TokenRegistry.IssuedTokens;
import io.qwengateway.simulator.support.Delays;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** The token endpoint's answer to a refresh-token grant: the scripted outcome, or by default a rotation. */
final class RefreshGrant {

    static final String GRANT_TYPE = "refresh_token";

    private final OAuthSettings settings;
    private final TokenRegistry tokens;
    private final RefreshScript script;

    RefreshGrant(OAuthSettings settings, TokenRegistry tokens, RefreshScript script) {
        this.settings = settings;
        this.tokens = tokens;
        this.script = script;
    }

    void answer(StrictForm form, SimExchange exchange) throws IOException, FormRejected {
        script.countCall();
        form.requireFieldOrder("grant_type", "refresh_token", "client_id");
        form.requireValue("client_id", settings.clientId());
        Delays.pause(script.delay());
        if (!script.holdIfScripted()) {
            throw new ConnectionAbort("a held refresh was dropped");
        }
        String refreshToken = form.value("refresh_token");
        switch (script.nextOutcome()) {
            case DEAD_REFRESH_TOKEN -> {
                tokens.revokeRefreshToken(refreshToken);
                rejectRefreshToken(exchange);
            }
            case ERROR_IN_2XX -> exchange.respondJson(200, OAuthErrors.body("server_error",
                    "The authorization server encountered an unexpected condition."));
            case EMPTY_2XX -> exchange.respond(200, SimExchange.JSON, "", Map.of());
            case NON_JSON_2XX -> exchange.respondHtml(200,
                    "<!DOCTYPE html><html><body><p>Please enable JavaScript to continue.</p></body></html>");
            case SERVER_ERROR -> exchange.respondJson(503, OAuthErrors.body("temporarily_unavailable",
                    "The service is temporarily unavailable."));
            case SUCCESS -> rotate(refreshToken, exchange, RefreshOutcome.SUCCESS);
            case OMIT_REFRESH_TOKEN -> rotate(refreshToken, exchange, RefreshOutcome.OMIT_REFRESH_TOKEN);
            case OMIT_RESOURCE_URL -> rotate(refreshToken, exchange, RefreshOutcome.OMIT_RESOURCE_URL);
        }
    }

    private void rotate(String refreshToken, SimExchange exchange, RefreshOutcome outcome) throws IOException {
        boolean omitRefreshToken = outcome == RefreshOutcome.OMIT_REFRESH_TOKEN;
        Optional<IssuedTokens> issued = tokens.refresh(refreshToken, settings.accessTokenTtl(), !omitRefreshToken);
        if (issued.isEmpty()) {
            rejectRefreshToken(exchange);
            return;
        }
        exchange.respondJson(200, TokenAnswer.of(issued.get(), settings.accessTokenTtl(), settings.resourceUrl(),
                !omitRefreshToken, outcome != RefreshOutcome.OMIT_RESOURCE_URL));
    }

    private static void rejectRefreshToken(SimExchange exchange) throws IOException {
        exchange.respondJson(400, OAuthErrors.body("invalid_grant", "Invalid refresh token"));
    }
}
