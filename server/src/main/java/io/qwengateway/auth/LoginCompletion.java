package io.qwengateway.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.qwengateway.credentials.CredentialFileLock;
import io.qwengateway.credentials.CredentialFileStore;
import io.qwengateway.credentials.CredentialFiles;
import io.qwengateway.credentials.LoginAdopter;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.credentials.TokenResponse;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.ObjectMapper;

/**
 * Saves the credentials of a finished login where the qwen-code CLI keeps them: under the file's lock (the CLI's for
 * its own file), written atomically (0600), and hands them at once to the running gateway's upstreams, so that no
 * restart (and no wait for the next mtime check) is needed.
 *
 * <p>A shutdown (Ctrl-C on the terminal login, or the server stopping) waits for a save in progress to finish and
 * refuses to start another, so the lock file is released and no temporary file is left behind.
 */
@Component
public class LoginCompletion {

    private static final Logger log = LoggerFactory.getLogger(LoginCompletion.class);

    private final QwenOAuthProperties properties;
    private final ObjectMapper json;
    private final Clock clock;
    private final Optional<LoginAdopter> served;
    private final ReentrantLock saving = new ReentrantLock();
    private volatile boolean stopped;

    /** @param served the gateway's upstreams; absent on the command line, where nothing is served */
    public LoginCompletion(QwenOAuthProperties properties, ObjectMapper json, Clock clock,
            Optional<LoginAdopter> served) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.served = served;
    }

    /** Writes the granted tokens to {@code credentialsFile} and returns what was written. */
    public OAuthCredentials complete(Path credentialsFile, TokenResponse token) throws IOException, InterruptedException {
        OAuthCredentials credentials = OAuthCredentials.fromTokenResponse(token, clock.instant());
        saving.lockInterruptibly();
        try {
            if (stopped) {
                throw new IOException("shutting down");
            }
            // Each account's own lock (the CLI's oauth_creds.lock for its file): logins and refreshes of other
            // accounts go on meanwhile.
            CredentialFileLock lock = new CredentialFileLock(CredentialFiles.lockFor(credentialsFile),
                    properties.lock(), clock);
            try (CredentialFileLock.Held held = lock.acquire()) {
                new CredentialFileStore(credentialsFile, json).write(credentials);
            }
        } finally {
            saving.unlock();
        }
        log.info("Saved the Qwen credentials of a new login to {}; the access token expires at {}", credentialsFile,
                credentials.expiry());
        adoptIfServed(credentialsFile, credentials);
        return credentials;
    }

    /** Lets a save in progress finish, and refuses further ones. */
    @PreDestroy
    public void stopSaving() {
        stopped = true;
        saving.lock();
        saving.unlock();
    }

    private void adoptIfServed(Path credentialsFile, OAuthCredentials credentials) {
        if (served.isEmpty()) {
            return;
        }
        if (served.get().adoptNewLogin(credentialsFile, credentials)) {
            log.info("Now serving the new login");
        } else {
            log.info("The gateway's upstreams do not include {}; the new login is used once they do "
                    + "(gateway.upstreams, or QWEN_CREDENTIAL_SOURCE=qwen-oauth with no API key set)", credentialsFile);
        }
    }
}
