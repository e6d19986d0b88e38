package io.qwengateway.startup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.qwengateway.web.WebProperties;

/**
 * Warns at start when the gateway listens beyond this machine (an address that is not loopback, or every address)
 * and no client key is configured: then anyone who can reach the port spends the user's Qwen account.
 */
@Component
public class OpenAccessWarning {

    private static final Logger log = LoggerFactory.getLogger(OpenAccessWarning.class);

    private final Environment environment;
    private final WebProperties web;

    public OpenAccessWarning(Environment environment, WebProperties web) {
        this.environment = environment;
        this.web = web;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warnIfOpen() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        warning(environment.getProperty("server.address"), !web.clientApiKeys().isEmpty(), port).ifPresent(log::warn);
    }

    /** @param address {@code server.address}; empty or absent means every address, as for Tomcat */
    static Optional<String> warning(String address, boolean clientKeysConfigured, String port) {
        if (clientKeysConfigured || isLoopback(address)) {
            return Optional.empty();
        }
        String where = address == null || address.isBlank() ? "every address" : address;
        return Optional.of("The gateway listens on " + where + " port " + port + " without client keys: anyone who can"
                + " reach it can use your Qwen account. Set API_KEY (one key, or several separated by commas) or"
                + " gateway.web.client-api-keys, or listen on this machine only with HOST=localhost.");
    }

    private static boolean isLoopback(String address) {
        if (address == null || address.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(address.trim()).isLoopbackAddress();
        } catch (UnknownHostException unresolvable) {
            // The server could not have bound to it either; nothing to warn about here.
            return true;
        }
    }
}
