package io.qwengateway.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.qwengateway.errors.ApiException;

/**
 * The logins started over HTTP and not yet expired, by device code. The PKCE verifier of each stays in here: HTTP
 * clients only ever see the device code and the user code. Expired logins are dropped whenever the registry is
 * used, and at most {@code max-pending} logins are kept, so memory stays bounded however many logins are started.
 */
@Component
public class PendingLogins {

    private static final Logger log = LoggerFactory.getLogger(PendingLogins.class);

    private final DeviceLoginStarter starter;
    private final LoginProperties properties;
    private final Clock clock;
    private final Map<String, DeviceLogin> byDeviceCode = new ConcurrentHashMap<>();

    public PendingLogins(DeviceLoginStarter starter, LoginProperties properties, Clock clock) {
        this.starter = starter;
        this.properties = properties;
        this.clock = clock;
    }

    public DeviceLogin start(Path credentialsFile) throws DeviceFlowException {
        evictExpired();
        if (byDeviceCode.size() >= properties.maxPending()) {
            // Finished logins count too: they keep answering their outcome until their device code expires.
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_error", "too_many_pending_logins", null,
                    "Too many logins (" + properties.maxPending() + ") were started over HTTP in the lifetime of a "
                            + "device code; try again once the oldest has expired.", null);
        }
        DeviceLogin login = starter.start(credentialsFile);
        byDeviceCode.put(login.code().deviceCode(), login);
        log.info("Started a Qwen login over HTTP: user code {}, saving to {}", login.code().userCode(), credentialsFile);
        return login;
    }

    public Optional<DeviceLogin> find(String deviceCode) {
        evictExpired();
        return Optional.ofNullable(byDeviceCode.get(deviceCode));
    }

    private void evictExpired() {
        Instant now = clock.instant();
        byDeviceCode.values().removeIf(login -> !now.isBefore(login.deadline()));
    }
}
