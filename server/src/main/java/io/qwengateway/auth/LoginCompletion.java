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
import io.qwengateway.credentials.CredentialSource;
import io.qwengateway.credentials.OAuthCredentials;
import io.qwengateway.credentials.QwenOAuthCredentialSource;
import io.qwengateway.credentials.QwenOAuthProperties;
import io.qwengateway.credentials.TokenResponse;
import jakarta.annotation.PreDestroy;
import tools.jackson.databind.ObjectMapper;

/**
 * Saves the credentials of a finished login where the qwen-code CLI keeps them: under the CLI's lock, written
 * atomically (0600), and hands them at once to the running credential source when they are the ones it serves, so
 * that no restart (and no wait for the next mtime check) is needed.
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
    private final Optional<CredentialSource> servedSource;
    private final CredentialFileLock lock;
    private final ReentrantLock saving = new ReentrantLock();
    private volatile boolean stopped;

    /** @param servedSource the gateway's credential source; absent on the command line, where nothing is served */
    public LoginCompletion(QwenOAuthProperties properties, ObjectMapper json, Clock clock,
            Optional<CredentialSource> servedSource) {
        this.properties = properties;
        this.json = json;
        this.clock = clock;
        this.servedSource = servedSource;
        this.lock = new CredentialFileLock(properties.home().resolve(CredentialFiles.LOCK_FILE), properties.lock(),
                clock);
    }

    /** Writes the granted tokens to {@code credentialsFile} and returns what was written. */
    public OAuthCredentials complete(Path credentialsFile, TokenResponse token) throws IOException, InterruptedException {
        OAuthCredentials credentials = OAuthCredentials.fromTokenResponse(token, clock.instant());
        saving.lockInterruptibly();
        try {
            if (stopped) {
                throw new IOException("shutting down");
            }
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
        if (servedSource.isEmpty() || !credentialsFile.equals(properties.credentialsFile())) {
            return;
        }
        if (servedSource.get() instanceof QwenOAuthCredentialSource oauthSource) {
            oauthSource.adoptNewLogin(credentials);
            log.info("Now serving the new login");
        } else {
            log.info("The gateway serves an API key (gateway.credentials.source); the new login is used once it "
                    + "serves Qwen OAuth (QWEN_CREDENTIAL_SOURCE=qwen-oauth, or QWEN_API_KEY unset)");
        }
    }
}
