package io.qwengateway.simulator.admin;

import io.qwengateway.simulator.RefreshOutcome;
import io.qwengateway.simulator.SimulatedCredentials;
import io.qwengateway.simulator.SimulatedOAuth;
import io.qwengateway.simulator.http.Router;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.qwengateway.simulator.admin.AdminRequests.guarded;
import static io.qwengateway.simulator.admin.AdminRequests.requiredInt;
import static io.qwengateway.simulator.admin.AdminRequests.requiredText;

/** The HTTP face of {@link SimulatedOAuth} under {@code /__sim/oauth/}. */
public final class OAuthAdminEndpoints {

    private static final String PREFIX = Router.ADMIN_PREFIX + "oauth/";

    private final SimulatedOAuth oauth;

    public OAuthAdminEndpoints(SimulatedOAuth oauth) {
        this.oauth = oauth;
    }

    public void registerOn(Router router) {
        router.add("POST", PREFIX + "credentials", guarded(this::credentials));
        router.add("GET", PREFIX + "pending", guarded(this::pending));
        router.add("POST", PREFIX + "approve", guarded(this::approve));
        router.add("POST", PREFIX + "deny", guarded(this::deny));
        router.add("POST", PREFIX + "expire", guarded(this::expire));
        router.add("POST", PREFIX + "slow-down", guarded(this::slowDown));
        router.add("POST", PREFIX + "refresh-outcomes", guarded(this::refreshOutcomes));
        router.add("POST", PREFIX + "refresh-delay", guarded(this::refreshDelay));
        router.add("POST", PREFIX + "refresh-hold", guarded(this::refreshHold));
        router.add("POST", PREFIX + "refresh-release", guarded(this::refreshRelease));
        router.add("POST", PREFIX + "reject-all-tokens", guarded(this::rejectAllTokens));
    }

    /** Body optional: {@code {"ttlSeconds":N}}. Answers the exact {@code oauth_creds.json} content. */
    private void credentials(SimExchange exchange) throws IOException {
        JsonNode request = AdminRequests.body(exchange);
        SimulatedCredentials credentials = request.has("ttlSeconds")
                ? oauth.issueCredentials(Duration.ofSeconds(requiredInt(request, "ttlSeconds")))
                : oauth.issueCredentials();
        exchange.respond(200, SimExchange.JSON, credentials.toOauthCredsJson(), Map.of());
    }

    private void pending(SimExchange exchange) throws IOException {
        ArrayNode userCodes = Json.array();
        oauth.pendingUserCodes().forEach(userCodes::add);
        exchange.respondJson(200, Json.object().set("user_codes", userCodes));
    }

    private void approve(SimExchange exchange) throws IOException {
        oauth.approve(requiredText(AdminRequests.body(exchange), "user_code"));
        done(exchange);
    }

    private void deny(SimExchange exchange) throws IOException {
        oauth.deny(requiredText(AdminRequests.body(exchange), "user_code"));
        done(exchange);
    }

    private void expire(SimExchange exchange) throws IOException {
        oauth.expire(requiredText(AdminRequests.body(exchange), "device_code"));
        done(exchange);
    }

    private void slowDown(SimExchange exchange) throws IOException {
        oauth.slowDownNextPolls(requiredInt(AdminRequests.body(exchange), "polls"));
        done(exchange);
    }

    /** Body: a list of {@link RefreshOutcome} names, or {@code {"outcomes":[...]}}. */
    private void refreshOutcomes(SimExchange exchange) throws IOException {
        JsonNode request = AdminRequests.body(exchange);
        JsonNode names = request.isArray() ? request : request.path("outcomes");
        List<RefreshOutcome> outcomes = new ArrayList<>();
        for (JsonNode name : names) {
            outcomes.add(RefreshOutcome.valueOf(Json.text(name).toUpperCase(Locale.ROOT)));
        }
        oauth.enqueueRefreshOutcome(outcomes.toArray(RefreshOutcome[]::new));
        done(exchange);
    }

    private void refreshDelay(SimExchange exchange) throws IOException {
        oauth.setRefreshDelay(AdminRequests.millis(AdminRequests.body(exchange), "delayMs"));
        done(exchange);
    }

    /** Body: {@code {"refreshes":N}}, the next N refresh grants to hold. */
    private void refreshHold(SimExchange exchange) throws IOException {
        oauth.holdNextRefreshes(requiredInt(AdminRequests.body(exchange), "refreshes"));
        done(exchange);
    }

    /** Answers how many held refresh grants were released. */
    private void refreshRelease(SimExchange exchange) throws IOException {
        int held = oauth.heldRefreshes();
        oauth.releaseHeldRefreshes();
        exchange.respondJson(200, Json.object().put("released", held));
    }

    private void rejectAllTokens(SimExchange exchange) throws IOException {
        oauth.rejectAllAccessTokens(AdminRequests.body(exchange).path("reject").asBoolean(true));
        done(exchange);
    }

    private static void done(SimExchange exchange) throws IOException {
        exchange.respondJson(200, Json.object().put("ok", true));
    }
}
