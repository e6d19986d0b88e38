package io.qwengateway.auth;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.stereotype.Component;

/**
 * Starts device logins: a fresh PKCE pair, a device code from the OAuth server, and a {@link DeviceLogin} that will
 * save the credentials to the chosen file.
 */
@Component
public class DeviceLoginStarter {

    private final DeviceFlowClient client;
    private final LoginCompletion completion;
    private final LoginProperties properties;
    private final Clock clock;

    public DeviceLoginStarter(DeviceFlowClient client, LoginCompletion completion, LoginProperties properties,
            Clock clock) {
        this.client = client;
        this.completion = completion;
        this.properties = properties;
        this.clock = clock;
    }

    public DeviceLogin start(Path credentialsFile) throws DeviceFlowException {
        Pkce pkce = Pkce.generate();
        DeviceCode code = client.requestDeviceCode(pkce);
        return new DeviceLogin(code, pkce, credentialsFile, clock.instant(), properties.firstPollInterval(), client,
                completion);
    }
}
