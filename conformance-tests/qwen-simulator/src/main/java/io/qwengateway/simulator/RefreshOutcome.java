package io.qwengateway.simulator;

/**
 * What the token endpoint does with the next refresh-grant call, for {@link SimulatedOAuth#enqueueRefreshOutcome}.
 * Each mirrors an answer seen from the real service; see qwen-upstream.md, "Refresh".
 */
public enum RefreshOutcome {

    /** Normal rotation: new access token and new refresh token; the old refresh token stops working. */
    SUCCESS,

    /** 400 {@code invalid_grant}; the refresh token is revoked for good, as a dead token would be. */
    DEAD_REFRESH_TOKEN,

    /** 200 whose JSON body is an {@code error}: a failure to retry later, credentials kept. */
    ERROR_IN_2XX,

    /** 200 with an empty body. */
    EMPTY_2XX,

    /** 200 with an HTML page, as the WAF in front of the service sometimes answers. */
    NON_JSON_2XX,

    /** 503: transient. */
    SERVER_ERROR,

    /** Success without a {@code refresh_token} field: the client must keep its old one, which stays valid. */
    OMIT_REFRESH_TOKEN,

    /** Success without a {@code resource_url} field: the client must keep the one it had. */
    OMIT_RESOURCE_URL
}
