package io.qwengateway.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.qwengateway.errors.ApiException;

/**
 * The logins started over HTTP and not yet expired, by device code. The PKCE verifier of each stays in here (or,
 * with Redis, in Redis: {@link SharedLogins}, where the logins other replicas started are found): HTTP clients only
 * ever see the device code and the user code. Expired logins are dropped whenever the registry is
 * used. At most {@code max-pending} logins are kept, so memory stays bounded however many logins are started, and at
 * most {@code max-pending-per-caller} of them for one caller, so one caller cannot block logins for everyone until
 * its device codes expire. With Redis these limits still count the logins each replica started: Redis holds at most
 * {@code max-pending} logins per replica.
 */
@Component
public class PendingLogins {

    private static final Logger log = LoggerFactory.getLogger(PendingLogins.class);

    private final DeviceLoginStarter starter;
    private final LoginProperties properties;
    private final Clock clock;
    private final Map<String, Pending> byDeviceCode = new ConcurrentHashMap<>();
    /** Logins being started right now (the OAuth server has not answered yet), by caller. Guarded by {@code this}. */
    private final Map<String, Integer> starting = new HashMap<>();

    private record Pending(DeviceLogin login, String caller) {
    }

    private final Optional<SharedLogins> shared;

    @Autowired
    public PendingLogins(DeviceLoginStarter starter, LoginProperties properties, Clock clock,
            Optional<SharedLogins> shared) {
        this.starter = starter;
        this.properties = properties;
        this.clock = clock;
        this.shared = shared;
    }

    /** Logins kept in this process only. */
    public PendingLogins(DeviceLoginStarter starter, LoginProperties properties, Clock clock) {
        this(starter, properties, clock, Optional.empty());
    }

    /**
     * Starts a login for {@code caller} (who asked: a client key's position or a remote address, never a secret).
     * Finished logins count too: they keep answering their outcome until their device code expires.
     */
    public DeviceLogin start(Path credentialsFile, String caller) throws DeviceFlowException {
        reserve(caller);
        try {
            DeviceLogin login = starter.start(credentialsFile);
            byDeviceCode.put(login.code().deviceCode(), new Pending(login, caller));
            log.info("Started a Qwen login over HTTP for {}: user code {}, saving to {}", caller,
                    login.code().userCode(), credentialsFile);
            return login;
        } finally {
            release(caller);
        }
    }

    /**
     * Counts a login being started before asking the OAuth server for its codes, so that concurrent starts cannot
     * slip past the limits together, without holding a lock during that call.
     */
    private synchronized void reserve(String caller) {
        evictExpired();
        long ofCaller = starting.getOrDefault(caller, 0)
                + byDeviceCode.values().stream().filter(pending -> pending.caller().equals(caller)).count();
        if (ofCaller >= properties.maxPendingPerCaller()) {
            throw tooMany(properties.maxPendingPerCaller() + " logins were started by you");
        }
        int allStarting = starting.values().stream().mapToInt(Integer::intValue).sum();
        if (byDeviceCode.size() + allStarting >= properties.maxPending()) {
            throw tooMany(properties.maxPending() + " logins were started over HTTP");
        }
        starting.merge(caller, 1, Integer::sum);
    }

    private synchronized void release(String caller) {
        starting.computeIfPresent(caller, (key, count) -> count == 1 ? null : count - 1);
    }

    /** A login started here, or (with Redis) on any replica. */
    public Optional<DeviceLogin> find(String deviceCode) {
        evictExpired();
        return Optional.ofNullable(byDeviceCode.get(deviceCode)).map(Pending::login)
                .or(() -> shared.flatMap(logins -> logins.find(deviceCode)));
    }

    private void evictExpired() {
        Instant now = clock.instant();
        byDeviceCode.values().removeIf(pending -> !now.isBefore(pending.login().deadline()));
    }

    private static ApiException tooMany(String what) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "rate_limit_error", "too_many_pending_logins", null,
                "Too many logins at once: " + what + " in the lifetime of a device code; finish or abandon one, "
                        + "or try again once the oldest has expired.", null);
    }
}
