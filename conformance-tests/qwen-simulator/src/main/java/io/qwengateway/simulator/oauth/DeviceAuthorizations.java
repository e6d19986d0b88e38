package io.qwengateway.simulator.oauth;

import io.qwengateway.simulator.oauth.DeviceAuthorization.State;
import io.qwengateway.simulator.support.RandomIds;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The device logins the simulator knows about (RFC 8628), and the answer each poll of the token endpoint gets.
 * Also holds what tests program about polling (slow_down answers) and count (device-code requests).
 */
public final class DeviceAuthorizations {

    /** The answer to one poll of the device grant. */
    enum PollOutcome { SLOW_DOWN, UNKNOWN_CODE, PENDING, DENIED, EXPIRED, PKCE_MISMATCH, GRANTED }

    private final Duration ttl;
    private final Clock clock;
    private final Map<String, DeviceAuthorization> byDeviceCode = new HashMap<>();
    private final Map<String, DeviceAuthorization> byUserCode = new HashMap<>();
    private int slowDownsLeft;
    private int deviceCodeRequests;

    public DeviceAuthorizations(Duration ttl, Clock clock) {
        this.ttl = ttl;
        this.clock = clock;
    }

    Duration ttl() {
        return ttl;
    }

    synchronized void countDeviceCodeRequest() {
        deviceCodeRequests++;
    }

    public synchronized int deviceCodeRequests() {
        return deviceCodeRequests;
    }

    synchronized DeviceAuthorization start(String codeChallenge) {
        String userCode;
        do {
            userCode = RandomIds.userCode();
        } while (byUserCode.containsKey(userCode));
        DeviceAuthorization authorization = new DeviceAuthorization(
                RandomIds.opaqueToken(), userCode, codeChallenge, clock.instant().plus(ttl));
        byDeviceCode.put(authorization.deviceCode(), authorization);
        byUserCode.put(userCode, authorization);
        return authorization;
    }

    /** @return false if no login in progress has this user code */
    public synchronized boolean approve(String userCode) {
        return decide(userCode, State.APPROVED);
    }

    /** @return false if no login in progress has this user code */
    public synchronized boolean deny(String userCode) {
        return decide(userCode, State.DENIED);
    }

    private boolean decide(String userCode, State decision) {
        DeviceAuthorization authorization = byUserCode.get(userCode);
        if (authorization == null || authorization.stateAt(clock.instant()) != State.PENDING) {
            return false;
        }
        authorization.moveTo(decision);
        return true;
    }

    /** Expires a device code before its time. @return false if the device code is unknown */
    public synchronized boolean expire(String deviceCode) {
        DeviceAuthorization authorization = byDeviceCode.get(deviceCode);
        if (authorization == null) {
            return false;
        }
        authorization.moveTo(State.EXPIRED);
        return true;
    }

    public synchronized void slowDownNextPolls(int polls) {
        slowDownsLeft = Math.max(0, polls);
    }

    /** User codes still waiting for a decision, oldest first: what a person would be asked to approve. */
    public synchronized List<String> pendingUserCodes() {
        return byUserCode.values().stream()
                .filter(authorization -> authorization.stateAt(clock.instant()) == State.PENDING)
                .map(DeviceAuthorization::userCode)
                .sorted()
                .toList();
    }

    /** Answers a poll; a granted code is redeemed at once, so it can never yield a second token pair. */
    synchronized PollOutcome poll(String deviceCode, String codeVerifier) {
        if (slowDownsLeft > 0) {
            slowDownsLeft--;
            return PollOutcome.SLOW_DOWN;
        }
        DeviceAuthorization authorization = byDeviceCode.get(deviceCode);
        if (authorization == null) {
            return PollOutcome.UNKNOWN_CODE;
        }
        return switch (authorization.stateAt(clock.instant())) {
            case PENDING -> PollOutcome.PENDING;
            case DENIED -> PollOutcome.DENIED;
            case EXPIRED -> PollOutcome.EXPIRED;
            case REDEEMED -> PollOutcome.UNKNOWN_CODE;
            case APPROVED -> redeem(authorization, codeVerifier);
        };
    }

    private static PollOutcome redeem(DeviceAuthorization authorization, String codeVerifier) {
        if (!Pkce.verifies(codeVerifier, authorization.codeChallenge())) {
            return PollOutcome.PKCE_MISMATCH;
        }
        authorization.moveTo(State.REDEEMED);
        return PollOutcome.GRANTED;
    }

    public synchronized void clear() {
        byDeviceCode.clear();
        byUserCode.clear();
        slowDownsLeft = 0;
        deviceCodeRequests = 0;
    }
}
