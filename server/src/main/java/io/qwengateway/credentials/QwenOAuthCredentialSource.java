package io.qwengateway.credentials;

import java.io.IOException;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.qwengateway.metrics.UpstreamEvents;

/**
 * Serves the Qwen OAuth credentials of {@code oauth_creds.json}, side by side with the qwen-code CLI.
 *
 * <ul>
 * <li>One refresh at a time in this process (a lock, and a check that nobody refreshed meanwhile), and one across
 * processes (the CLI's lock file, then a re-read: if another process refreshed, its token is used).</li>
 * <li>Changes made by other processes are noticed through the file's mtime, checked at most every
 * {@code file-check-interval}.</li>
 * <li>A failed refresh never destroys a working credential: a passing failure keeps the old token while it lasts and
 * retries after a cooldown; a dead refresh token marks the credential as needing a login, and the file stays.</li>
 * </ul>
 */
public class QwenOAuthCredentialSource implements CredentialSource {

    public static final String SOURCE_NAME = "qwen-oauth";

    private static final Logger log = LoggerFactory.getLogger(QwenOAuthCredentialSource.class);

    private final QwenOAuthProperties properties;
    private final CredentialFileStore store;
    private final CredentialFileLock fileLock;
    private final QwenOAuthClient oauth;
    private final Clock clock;
    private final ReentrantLock refreshLock = new ReentrantLock();

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile long nextFileCheckNanos;

    public QwenOAuthCredentialSource(QwenOAuthProperties properties, CredentialFileStore store,
            CredentialFileLock fileLock, QwenOAuthClient oauth, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.fileLock = fileLock;
        this.oauth = oauth;
        this.clock = clock;
        reloadIfChanged();
    }

    @Override
    public UpstreamCredential current() {
        Snapshot current = freshSnapshot();
        OAuthCredentials credentials = usableOrThrow(current);
        if (!credentials.expiresWithin(properties.refreshAhead(), clock.instant())) {
            return toUpstream(credentials);
        }
        return toUpstream(refresh(credentials));
    }

    @Override
    public UpstreamCredential renewAfterRejection(UpstreamCredential rejected) {
        Snapshot current = freshSnapshot();
        OAuthCredentials credentials = usableOrThrow(current);
        if (!credentials.accessToken().equals(rejected.bearerToken())) {
            return toUpstream(credentials); // renewed already, by another request or another process
        }
        OAuthCredentials renewed = refresh(credentials);
        if (renewed.accessToken().equals(rejected.bearerToken())) {
            // The refresh failed for a passing reason (or is cooling down after one). Retrying with the token Qwen has
            // just refused would only be refused again, and that second refusal reads as "even a fresh token is
            // rejected", which would demand a new login for what is a temporary failure.
            String why = snapshot.message;
            throw CredentialUnavailableException.temporarily(why != null ? why
                    : "The Qwen access token was rejected and could not be refreshed yet; retry shortly.");
        }
        return toUpstream(renewed);
    }

    @Override
    public void rejectedAfterRenewal(UpstreamCredential rejected) {
        refreshLock.lock();
        try {
            Snapshot current = snapshot;
            if (current.credentials != null && current.credentials.accessToken().equals(rejected.bearerToken())) {
                snapshot = current.withProblem(CredentialState.LOGIN_REQUIRED, LoginHints.rejectedAfterRefresh());
                log.warn("Qwen rejected a freshly refreshed access token: {}", LoginHints.rejectedAfterRefresh());
            }
        } finally {
            refreshLock.unlock();
        }
    }

    @Override
    public CredentialStatus status() {
        Snapshot current = freshSnapshot();
        Instant expiry = current.credentials == null ? null : current.credentials.expiry();
        if (current.problem != null) {
            return new CredentialStatus(SOURCE_NAME, current.problem, expiry, current.message);
        }
        if (current.credentials == null) {
            return new CredentialStatus(SOURCE_NAME, CredentialState.MISSING, null, LoginHints.missing(store.file()));
        }
        boolean expiring = current.credentials.expiresWithin(properties.refreshAhead(), clock.instant());
        return new CredentialStatus(SOURCE_NAME, expiring ? CredentialState.EXPIRING : CredentialState.VALID, expiry,
                null);
    }

    @Override
    public Optional<String> baseUrl() {
        OAuthCredentials credentials = freshSnapshot().credentials;
        return Optional.ofNullable(credentials).map(this::toUpstream).map(UpstreamCredential::baseUrl);
    }

    /** Adopts the credentials of a login in this process when they were written to the file this source serves. */
    @Override
    public boolean adoptNewLogin(java.nio.file.Path credentialsFile, OAuthCredentials credentials) {
        if (!credentialsFile.toAbsolutePath().normalize().equals(store.file().toAbsolutePath().normalize())) {
            return false;
        }
        adoptNewLogin(credentials);
        return true;
    }

    /** The credentials file this source serves. */
    public java.nio.file.Path credentialsFile() {
        return store.file();
    }

    /** Adopts credentials that a login in this process has just written. */
    public void adoptNewLogin(OAuthCredentials credentials) {
        refreshLock.lock();
        try {
            snapshot = new Snapshot(credentials, store.lastModified().orElse(null), null, null, null);
        } finally {
            refreshLock.unlock();
        }
    }

    private OAuthCredentials usableOrThrow(Snapshot current) {
        if (current.problem == CredentialState.LOGIN_REQUIRED || current.problem == CredentialState.MISSING) {
            throw CredentialUnavailableException.loginRequired(current.message);
        }
        if (current.credentials == null) {
            throw CredentialUnavailableException.loginRequired(LoginHints.missing(store.file()));
        }
        return current.credentials;
    }

    /**
     * Refreshes {@code seen}, unless someone already has. Callers that saw the same stale token queue on the lock;
     * the first one refreshes, the others find a newer token and use it.
     */
    private OAuthCredentials refresh(OAuthCredentials seen) {
        refreshLock.lock();
        try {
            Snapshot current = snapshot;
            Instant now = clock.instant();
            if (current.credentials != null && !current.credentials.accessToken().equals(seen.accessToken())) {
                return current.credentials;
            }
            if (current.problem == CredentialState.LOGIN_REQUIRED) {
                throw CredentialUnavailableException.loginRequired(current.message);
            }
            if (current.retryRefreshAfter != null && now.isBefore(current.retryRefreshAfter)) {
                return stillValidOrThrow(seen, current.message);
            }
            return refreshUnderFileLock(seen);
        } finally {
            refreshLock.unlock();
        }
    }

    private OAuthCredentials refreshUnderFileLock(OAuthCredentials seen) {
        try (CredentialFileLock.Held held = fileLock.acquire()) {
            Optional<OAuthCredentials> onDisk = readQuietly();
            if (onDisk.isPresent() && refreshedElsewhere(onDisk.get(), seen)) {
                log.info("Another process refreshed the Qwen credentials; using its token");
                UpstreamEvents.refreshed("elsewhere");
                snapshot = new Snapshot(onDisk.get(), store.lastModified().orElse(null), null, null, null);
                return onDisk.get();
            }
            OAuthCredentials base = onDisk.filter(OAuthCredentials::isComplete).orElse(seen);
            TokenResponse token = oauth.refresh(base.refreshToken());
            OAuthCredentials refreshed = base.refreshedWith(token, clock.instant());
            save(refreshed);
            log.info("Refreshed the Qwen access token; it expires at {}", refreshed.expiry());
            UpstreamEvents.refreshed("ok");
            return refreshed;
        } catch (TokenRefreshException e) {
            if (e.refreshTokenRejected()) {
                String message = LoginHints.refreshTokenDead(e.getMessage());
                snapshot = snapshot.withProblem(CredentialState.LOGIN_REQUIRED, message);
                log.warn(message);
                UpstreamEvents.refreshed("login_required");
                throw CredentialUnavailableException.loginRequired(message);
            }
            return passingFailure(seen, "Refreshing the Qwen access token failed: " + e.getMessage());
        } catch (IOException e) {
            return passingFailure(seen, "Refreshing the Qwen access token failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CredentialUnavailableException.temporarily("Interrupted while refreshing the Qwen access token");
        }
    }

    /** The refresh succeeded, so the new token is adopted even if the file cannot be written: the old refresh token may be spent. */
    private void save(OAuthCredentials refreshed) {
        try {
            store.write(refreshed);
        } catch (IOException e) {
            log.error("Refreshed the Qwen token but could not write {}: {}. The new token is kept in memory only.",
                    store.file(), e.getMessage());
        }
        snapshot = new Snapshot(refreshed, store.lastModified().orElse(null), null, null, null);
    }

    private OAuthCredentials passingFailure(OAuthCredentials seen, String message) {
        UpstreamEvents.refreshed("failed");
        log.warn("{} (will retry after {})", message, properties.refreshCooldown());
        snapshot = snapshot.withRefreshFailure(message, clock.instant().plus(properties.refreshCooldown()));
        return stillValidOrThrow(seen, message);
    }

    /** Within the refresh margin a token still works: serve with it rather than fail. */
    private OAuthCredentials stillValidOrThrow(OAuthCredentials credentials, String message) {
        if (clock.instant().isBefore(credentials.expiry())) {
            return credentials;
        }
        throw CredentialUnavailableException.temporarily(message);
    }

    private boolean refreshedElsewhere(OAuthCredentials onDisk, OAuthCredentials seen) {
        return onDisk.isComplete()
                && !onDisk.accessToken().equals(seen.accessToken())
                && !onDisk.expiresWithin(properties.refreshAhead(), clock.instant());
    }

    private Snapshot freshSnapshot() {
        if (System.nanoTime() - nextFileCheckNanos >= 0) {
            reloadIfChanged();
        }
        return snapshot;
    }

    private synchronized void reloadIfChanged() {
        nextFileCheckNanos = System.nanoTime() + properties.fileCheckInterval().toNanos();
        FileTime modified = store.lastModified().orElse(null);
        Snapshot current = snapshot;
        if (current != Snapshot.EMPTY && Objects.equals(modified, current.fileTime)) {
            return;
        }
        // A refresh in progress re-reads the file under the cross-process lock anyway: do not queue behind it.
        if (!refreshLock.tryLock()) {
            return;
        }
        try {
            snapshot = load(modified);
        } finally {
            refreshLock.unlock();
        }
    }

    private Snapshot load(FileTime modified) {
        Optional<OAuthCredentials> onDisk;
        try {
            onDisk = store.read();
        } catch (IOException e) {
            // The store's messages name the file and the cause ("Cannot read X: permission denied", "X: expiry_date ...").
            String message = e.getMessage() + ". " + LoginHints.howToLogIn();
            log.warn(message);
            // Keep serving with what we had: an unreadable file must not take a working credential away.
            return snapshot.credentials == null
                    ? new Snapshot(null, modified, CredentialState.MISSING, message, null)
                    : new Snapshot(snapshot.credentials, modified, null, null, null);
        }
        if (onDisk.isEmpty()) {
            return new Snapshot(null, modified, CredentialState.MISSING, LoginHints.missing(store.file()), null);
        }
        PrivateFiles.warnIfExposed(store.file().toAbsolutePath().getParent());
        PrivateFiles.warnIfExposed(store.file());
        if (!onDisk.get().isComplete()) {
            return new Snapshot(null, modified, CredentialState.MISSING,
                    LoginHints.incomplete(store.file(), onDisk.get().missingFields()) + " " + LoginHints.howToLogIn(),
                    null);
        }
        if (snapshot.credentials != null) {
            log.info("Loaded the Qwen credentials changed on disk ({})", store.file());
        }
        return new Snapshot(onDisk.get(), modified, null, null, null);
    }

    private Optional<OAuthCredentials> readQuietly() {
        try {
            return store.read();
        } catch (IOException e) {
            log.warn("Cannot re-read {} under the lock: {}", store.file(), e.getMessage());
            return Optional.empty();
        }
    }

    private UpstreamCredential toUpstream(OAuthCredentials credentials) {
        return new UpstreamCredential(credentials.accessToken(),
                UpstreamBaseUrls.fromResourceUrl(credentials.resourceUrl(), properties.fallbackApiBaseUrl()),
                properties.upstreamHeaders());
    }

    /**
     * What this source knows at one moment; replaced whole, never mutated, so readers need no lock.
     *
     * @param problem           set when the credential cannot be used as it is
     * @param retryRefreshAfter after a passing refresh failure, the earliest next attempt
     */
    private record Snapshot(OAuthCredentials credentials, FileTime fileTime, CredentialState problem, String message,
            Instant retryRefreshAfter) {

        static final Snapshot EMPTY = new Snapshot(null, null, null, null, null);

        Snapshot withProblem(CredentialState state, String why) {
            return new Snapshot(credentials, fileTime, state, why, null);
        }

        Snapshot withRefreshFailure(String why, Instant retryAfter) {
            return new Snapshot(credentials, fileTime, CredentialState.REFRESH_FAILED, why, retryAfter);
        }
    }
}
