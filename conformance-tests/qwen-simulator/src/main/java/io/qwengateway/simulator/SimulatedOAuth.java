package io.qwengateway.simulator;

import io.qwengateway.simulator.oauth.AccessGate;
import io.qwengateway.simulator.oauth.DeviceAuthorizations;
import io.qwengateway.simulator.oauth.RefreshScript;
import io.qwengateway.simulator.oauth.TokenRegistry;
import io.qwengateway.simulator.oauth.TokenRegistry.IssuedTokens;

import java.time.Duration;
import java.util.List;

/**
 * The authorization-server side of the simulator, as tests drive it: mint credentials without a login, decide
 * device logins, and script how the token endpoint answers. Obtained from {@link QwenSimulator#oauth()}.
 */
public final class SimulatedOAuth {

    private final TokenRegistry tokens;
    private final DeviceAuthorizations devices;
    private final RefreshScript refreshScript;
    private final AccessGate gate;
    private final Duration accessTokenTtl;
    private final String resourceUrl;

    SimulatedOAuth(TokenRegistry tokens, DeviceAuthorizations devices, RefreshScript refreshScript, AccessGate gate,
                   Duration accessTokenTtl, String resourceUrl) {
        this.tokens = tokens;
        this.devices = devices;
        this.refreshScript = refreshScript;
        this.gate = gate;
        this.accessTokenTtl = accessTokenTtl;
        this.resourceUrl = resourceUrl;
    }

    /** A valid token pair, as if a device login had just completed. */
    public SimulatedCredentials issueCredentials() {
        return issueCredentials(accessTokenTtl);
    }

    /** A token pair whose access token lives {@code accessTokenTtl}; zero or negative gives one already expired. */
    public SimulatedCredentials issueCredentials(Duration accessTokenTtl) {
        IssuedTokens issued = tokens.issue(accessTokenTtl);
        return new SimulatedCredentials(issued.accessToken(), issued.refreshToken(), "Bearer", resourceUrl,
                issued.accessTokenExpiresAt().toEpochMilli());
    }

    /** What the user does on the authorize page: the next poll for this login gets tokens. */
    public void approve(String userCode) {
        require(devices.approve(userCode), "no pending device login has user code " + userCode);
    }

    /** The user refuses: polls answer {@code access_denied}. */
    public void deny(String userCode) {
        require(devices.deny(userCode), "no pending device login has user code " + userCode);
    }

    /** The device code runs out early: polls answer {@code expired_token}. */
    public void expire(String deviceCode) {
        require(devices.expire(deviceCode), "no device login has device code " + deviceCode);
    }

    /** User codes of logins waiting for a decision, for tests that approve whatever login a client started. */
    public List<String> pendingUserCodes() {
        return devices.pendingUserCodes();
    }

    /** The next {@code polls} device-grant polls answer 429 {@code slow_down}. */
    public void slowDownNextPolls(int polls) {
        devices.slowDownNextPolls(polls);
    }

    /** Outcomes for the next refresh-grant calls, in order; after them, refreshes rotate normally. */
    public void enqueueRefreshOutcome(RefreshOutcome... outcomes) {
        refreshScript.enqueue(List.of(outcomes));
    }

    /** Holds every refresh answer back, to widen race windows in concurrency tests. */
    public void setRefreshDelay(Duration delay) {
        refreshScript.setDelay(delay);
    }

    /**
     * Holds the next {@code count} refresh-grant calls, unanswered and not yet looked at, until
     * {@link #releaseHeldRefreshes()}; a client that dies meanwhile (killed mid-refresh) never gets an answer.
     */
    public void holdNextRefreshes(int count) {
        refreshScript.holdNext(count);
    }

    /** Refresh-grant calls held right now. */
    public int heldRefreshes() {
        return refreshScript.heldCalls();
    }

    /** Waits until at least {@code count} refresh-grant calls are held; false on timeout. */
    public boolean awaitHeldRefreshes(int count, Duration timeout) {
        try {
            return refreshScript.awaitHeld(count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refreshScript.heldCalls() >= count;
        }
    }

    /** Held refresh-grant calls go on, answered as the token store stands now. */
    public void releaseHeldRefreshes() {
        refreshScript.releaseHeld();
    }

    /** Refresh-grant calls received, whatever their outcome. */
    public int refreshCount() {
        return refreshScript.calls();
    }

    /** Device-code requests received, refused ones included. */
    public int deviceCodeCount() {
        return devices.deviceCodeRequests();
    }

    /** "OAuth tier discontinued": the model API refuses every issued token with 401, however fresh. */
    public void rejectAllAccessTokens(boolean reject) {
        gate.rejectAllAccessTokens(reject);
    }

    public boolean rejectsAllAccessTokens() {
        return gate.rejectsAllAccessTokens();
    }

    /** The {@code resource_url} handed out with tokens. */
    public String resourceUrl() {
        return resourceUrl;
    }

    private static void require(boolean found, String message) {
        if (!found) {
            throw new IllegalArgumentException(message);
        }
    }
}
