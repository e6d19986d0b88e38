package io.qwengateway.auth;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.stereotype.Component;

/**
 * Starts device logins: a fresh PKCE pair, a device code from the OAuth server, and a {@link DeviceLogin} that will
 * save the credentials to the chosen file. With Redis (the server with {@code REDIS_URL}) the login is kept there
 * for every replica, unless Redis cannot be used right now; otherwise, and on the command line, in this process.
 */
@Component
public class DeviceLoginStarter {

    private final DeviceFlowClient client;
    private final LoginCompletion completion;
    private final LoginProperties properties;
    private final Clock clock;
    private final Optional<SharedLogins> shared;

    @Autowired
    public DeviceLoginStarter(DeviceFlowClient client, LoginCompletion completion, LoginProperties properties,
            Clock clock, Optional<SharedLogins> shared) {
        this.client = client;
        this.completion = completion;
        this.properties = properties;
        this.clock = clock;
        this.shared = shared;
    }

    /** Logins kept in this process only. */
    public DeviceLoginStarter(DeviceFlowClient client, LoginCompletion completion, LoginProperties properties,
            Clock clock) {
        this(client, completion, properties, clock, Optional.empty());
    }

    public DeviceLogin start(Path credentialsFile) throws DeviceFlowException {
        Pkce pkce = Pkce.generate();
        DeviceCode code = client.requestDeviceCode(pkce);
        Instant started = clock.instant();
        PollInterval interval = properties.firstPollInterval();
        Instant deadline = started.plus(code.expiresIn());
        return shared.flatMap(logins -> logins.publish(code, pkce, credentialsFile, started, interval))
                .orElseGet(() -> new DeviceLogin(code, credentialsFile, deadline,
                        new LocalLoginLedger(pkce, started, deadline, interval), client, completion));
    }
}
