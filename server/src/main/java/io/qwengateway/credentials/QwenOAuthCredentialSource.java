package io.qwengateway.credentials;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <li>Changes made by other processes are noticed through the file's stamp (mtime, size, inode), checked at most
 * every {@code file-check-interval}, and by content while the file changed too recently for a stamp to tell.</li>
 * <li>A failed refresh never destroys a working credential: a passing failure keeps the old token while it lasts and
 * retries after a cooldown; a dead refresh token marks the credential as needing a login, and the file stays.</li>
 * <li>With replicas sharing Redis ({@link SharedRefresh}), one across the cluster: the replica holding the account's
 * lease refreshes and publishes the pair; the others adopt it (announced at once, or found when they need a token)
 * and wait for it rather than refresh. A refresh that outlived its lease is discarded, neither written nor
 * published. With Redis unreachable, the file lock alone, as above.</li>
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
    private final SharedRefresh shared;
    private final SharedRefreshProperties sharedSettings;
    private final String account;
    private final ReentrantLock refreshLock = new ReentrantLock();

    private volatile Snapshot snapshot = Snapshot.EMPTY;
    /** Another replica announced a pair that this one has not looked at yet (it was busy when it came). */
    private final AtomicBoolean announced = new AtomicBoolean();
    private volatile long nextFileCheckNanos;
    /** Since when Redis could not be used for a refresh (System.nanoTime), or null while it could. */
    private volatile Long unsharedSinceNanos;

    /** A gateway alone: refreshes under the file lock only. */
    public QwenOAuthCredentialSource(QwenOAuthProperties properties, CredentialFileStore store,
            CredentialFileLock fileLock, QwenOAuthClient oauth, Clock clock) {
        this(properties, store, fileLock, oauth, clock, "default", SharedRefresh.ALONE, null);
    }

    /**
     * @param account        the account's name, the same on every replica (for the logs; {@code shared} is bound to it)
     * @param sharedSettings the lease timings; unused (may be null) when {@code shared} is {@link SharedRefresh#ALONE}
     */
    public QwenOAuthCredentialSource(QwenOAuthProperties properties, CredentialFileStore store,
            CredentialFileLock fileLock, QwenOAuthClient oauth, Clock clock, String account, SharedRefresh shared,
            SharedRefreshProperties sharedSettings) {
        this.properties = properties;
        this.store = store;
        this.fileLock = fileLock;
        this.oauth = oauth;
        this.clock = clock;
        this.account = account;
        this.shared = shared;
        this.sharedSettings = sharedSettings;
        reloadIfChanged();
        shared.onPublished(this::adoptAnnouncedPair);
    }

    @Override
    public UpstreamCredential current() {
        Snapshot current = freshSnapshot();
        OAuthCredentials credentials = usableOrThrow(current);
        if (!credentials.expiresWithin(properties.refreshAhead(), clock.instant())) {
            return toUpstream(credentials);
        }
        return toUpstream(refresh(credentials, false));
    }

    @Override
    public UpstreamCredential renewAfterRejection(UpstreamCredential rejected) {
        Snapshot current = freshSnapshot();
        OAuthCredentials credentials = usableOrThrow(current);
        if (!credentials.accessToken().equals(rejected.bearerToken())) {
            // Renewed already, by another request or another process; or the file now holds another login, which may
            // need a refresh of its own before it is tried.
            return credentials.expiresWithin(properties.refreshAhead(), clock.instant())
                    ? toUpstream(refresh(credentials, false)) : toUpstream(credentials);
        }
        OAuthCredentials renewed = refresh(credentials, true);
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

    /** Adopts credentials that a login in this process has just written, and hands them to the other replicas. */
    public void adoptNewLogin(OAuthCredentials credentials) {
        refreshLock.lock();
        try {
            long fence = publishLogin(credentials);
            snapshot = new Snapshot(credentials, store.stamp().orElse(null), null, null, null, fence);
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * A login is the account's newest pair for the whole cluster: it is published under a fresh lease, as a refresh
     * is, so that replicas whose token died adopt it at once instead of waiting for a file they may not share. When a
     * replica is refreshing the account right now (or Redis is unreachable), the login stays this replica's and its
     * file's; the others find it on their next file check.
     */
    private long publishLogin(OAuthCredentials credentials) {
        if (!shared.shared()) {
            return 0;
        }
        SharedRefresh.Attempt attempt = shared.tryLease();
        if (!attempt.acquired()) {
            log.info("The new login of {} could not be shared with the other replicas now{}", account,
                    attempt.heldElsewhere() ? " (another replica is refreshing the account)" : "");
            return 0;
        }
        try (SharedRefresh.Lease lease = attempt.lease()) {
            return lease.publish(credentials) == SharedRefresh.Publication.PUBLISHED ? lease.fence() : 0;
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
     *
     * @param rejected Qwen refused {@code seen}: it must not be served again while another replica refreshes
     */
    private OAuthCredentials refresh(OAuthCredentials seen, boolean rejected) {
        refreshLock.lock();
        try {
            Snapshot current = snapshot;
            Instant now = clock.instant();
            if (current.credentials != null && !current.credentials.accessToken().equals(seen.accessToken())) {
                return current.credentials;
            }
            Optional<OAuthCredentials> published = adoptPublishedIfNewer();
            if (published.isPresent()) {
                return published.get();
            }
            if (current.problem == CredentialState.LOGIN_REQUIRED) {
                throw CredentialUnavailableException.loginRequired(current.message);
            }
            if (current.retryRefreshAfter != null && now.isBefore(current.retryRefreshAfter)) {
                return stillValidOrThrow(seen, current.message);
            }
            return shared.shared() ? refreshInCluster(seen, rejected) : refreshUnderFileLock(seen, null);
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * The lease's holder refreshes; the others wait for its pair (serving with {@code seen} meanwhile while it still
     * works and was not refused), and take the lease over if the holder dies. Redis unusable for longer than
     * {@code fallback-after}: the file lock alone (a shorter blip, a slow answer, must not make every replica refresh
     * with the same token at once).
     */
    private OAuthCredentials refreshInCluster(OAuthCredentials seen, boolean rejected) {
        long waitUntil = System.nanoTime() + sharedSettings.maxWait().toNanos();
        while (true) {
            SharedRefresh.Attempt attempt = shared.tryLease();
            if (attempt.acquired() || attempt.heldElsewhere()) {
                unsharedSinceNanos = null;
            } else if (unsharedFor().compareTo(sharedSettings.fallbackAfter()) >= 0) {
                log.warn("Redis cannot be reached: refreshing the Qwen account {} under the credentials file's lock "
                        + "only (replicas on other machines may refresh it too)", account);
                return refreshUnderFileLock(seen, null);
            }
            if (attempt.acquired()) {
                try (SharedRefresh.Lease lease = attempt.lease()) {
                    // Published between the look before and the lease: the holder before this one finished.
                    Optional<OAuthCredentials> published = adoptPublishedIfNewer();
                    return published.isPresent() ? published.get() : refreshUnderFileLock(seen, lease);
                } catch (LeaseLost lost) {
                    return leaseLost(seen); // the file lock is released by now: adopting writes the file
                }
            }
            if (!rejected && clock.instant().isBefore(seen.expiry())) {
                return seen; // another replica is refreshing, or Redis is back soon; this token works meanwhile
            }
            if (System.nanoTime() - waitUntil >= 0) {
                throw CredentialUnavailableException.temporarily(attempt.heldElsewhere()
                        ? "Another gateway replica is refreshing the Qwen access token and has not published the "
                                + "new one yet; retry shortly."
                        : "Redis cannot be reached to agree on refreshing the Qwen access token; retry shortly.");
            }
            pause(sharedSettings.pollInterval());
            Optional<OAuthCredentials> published = adoptPublishedIfNewer();
            if (published.isPresent()) {
                return published.get();
            }
        }
    }

    /**
     * @param lease the cluster's lease on the account, or null for a gateway alone (or with Redis unreachable)
     */
    private OAuthCredentials refreshUnderFileLock(OAuthCredentials seen, SharedRefresh.Lease lease) {
        try (CredentialFileLock.Held held = fileLock.acquire()) {
            Optional<OAuthCredentials> onDisk = readQuietly();
            if (onDisk.isPresent() && refreshedElsewhere(onDisk.get(), seen)) {
                log.info("Another process refreshed the Qwen credentials; using its token");
                UpstreamEvents.refreshed("elsewhere");
                // The qwen-code CLI beside this replica rotated the pair: the other replicas need it too.
                long fence = lease != null && lease.publish(onDisk.get()) == SharedRefresh.Publication.PUBLISHED
                        ? lease.fence() : 0;
                snapshot = new Snapshot(onDisk.get(), store.stamp().orElse(null), null, null, null, fence);
                return onDisk.get();
            }
            OAuthCredentials base = onDisk.filter(OAuthCredentials::isComplete).orElse(seen);
            TokenResponse token = oauth.refresh(base.refreshToken());
            OAuthCredentials refreshed = base.refreshedWith(token, clock.instant());
            long fence = 0;
            if (lease != null) {
                SharedRefresh.Publication publication = lease.publish(refreshed);
                if (publication == SharedRefresh.Publication.LEASE_LOST) {
                    throw new LeaseLost();
                }
                if (publication == SharedRefresh.Publication.PUBLISHED) {
                    fence = lease.fence();
                } else {
                    log.warn("Refreshed the Qwen access token of {} but Redis cannot be reached to share it: only "
                            + "this replica and its credentials file have it", account);
                }
            }
            save(refreshed, fence);
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
    private void save(OAuthCredentials refreshed, long fence) {
        try {
            store.write(refreshed);
        } catch (IOException e) {
            log.error("Refreshed the Qwen token but could not write {}: {}. The new token is kept in memory only.",
                    store.file(), e.getMessage());
        }
        snapshot = new Snapshot(refreshed, store.stamp().orElse(null), null, null, null, fence);
    }

    /**
     * The refresh answered after this replica's lease had ended (or was taken over): the replica that holds it now
     * refreshes and publishes, and its pair is the one that counts. This one is dropped, never written nor shared.
     */
    private OAuthCredentials leaseLost(OAuthCredentials seen) {
        UpstreamEvents.refreshed("lease_lost");
        log.warn("The refresh of the Qwen account {} outlived this replica's lease ({}); its token is discarded, and "
                + "the pair another replica publishes is used", account, sharedSettings.lease());
        Optional<OAuthCredentials> published = adoptPublishedIfNewer();
        if (published.isPresent()) {
            return published.get();
        }
        OAuthCredentials current = snapshot.credentials;
        if (current != null && !current.accessToken().equals(seen.accessToken())) {
            return current; // announced, and adopted, while the refresh was under way
        }
        return stillValidOrThrow(seen, "The Qwen access token is being refreshed by another gateway replica; retry "
                + "shortly.");
    }

    /**
     * Adopts the pair another replica published when it is newer than this replica's: a higher fencing token than
     * the pair this replica got from the cluster, or, against a pair read from the file (no fence), a later expiry
     * (a login or the CLI may have renewed the file since). The file gets it too, under the CLI's lock.
     */
    private Optional<OAuthCredentials> adoptPublishedIfNewer() {
        Optional<SharedRefresh.FencedCredentials> found = shared.published();
        if (found.isEmpty() || !found.get().credentials().isComplete() || !newerThanOwn(found.get())) {
            return Optional.empty();
        }
        OAuthCredentials adopted = found.get().credentials();
        writeAdopted(adopted);
        snapshot = new Snapshot(adopted, store.stamp().orElse(null), null, null, null, found.get().fence());
        log.info("Adopted the Qwen access token another replica refreshed for {}; it expires at {}", account,
                adopted.expiry());
        UpstreamEvents.refreshed("elsewhere");
        return Optional.of(adopted);
    }

    private boolean newerThanOwn(SharedRefresh.FencedCredentials published) {
        Snapshot current = snapshot;
        if (current.credentials == null) {
            return true;
        }
        if (published.credentials().accessToken().equals(current.credentials.accessToken())) {
            return false;
        }
        return current.fence > 0 ? published.fence() > current.fence
                : published.credentials().expiryDate() > current.credentials.expiryDate();
    }

    /** Unless the file holds a pair at least as new already (the publisher's own, on a shared disk). */
    private void writeAdopted(OAuthCredentials adopted) {
        try (CredentialFileLock.Held held = fileLock.acquire()) {
            Optional<OAuthCredentials> onDisk = readQuietly();
            if (onDisk.isEmpty() || !onDisk.get().isComplete()
                    || onDisk.get().expiryDate() < adopted.expiryDate()) {
                store.write(adopted);
            }
        } catch (IOException e) {
            log.warn("Adopted the Qwen token another replica refreshed but could not write {}: {}. It is kept in "
                    + "memory only.", store.file(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A replica announced a new pair: adopt it now, or, when this source is busy (a refresh, a file reload), on its
     * next use. An announcement that came during a file reload was once dropped, and the replica kept serving the
     * pair before it until that one expired.
     */
    private void adoptAnnouncedPair() {
        announced.set(true);
        adoptAnnouncedPairIfFree();
    }

    private void adoptAnnouncedPairIfFree() {
        if (!refreshLock.tryLock()) {
            return;
        }
        try {
            if (announced.getAndSet(false)) {
                adoptPublishedIfNewer();
            }
        } catch (RuntimeException e) {
            log.warn("Could not adopt the Qwen token published for {}: {}", account, e.getMessage());
        } finally {
            refreshLock.unlock();
        }
    }

    private java.time.Duration unsharedFor() {
        long now = System.nanoTime();
        Long since = unsharedSinceNanos;
        if (since == null) {
            unsharedSinceNanos = now;
            return java.time.Duration.ZERO;
        }
        return java.time.Duration.ofNanos(now - since);
    }

    /** Leaves the file lock's scope when a refresh outlived its lease: nothing of it is written. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super(null, null, false, false);
        }
    }

    private static void pause(java.time.Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CredentialUnavailableException.temporarily("Interrupted while waiting for another replica's refresh");
        }
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
        if (announced.get()) {
            adoptAnnouncedPairIfFree();
        }
        return snapshot;
    }

    private synchronized void reloadIfChanged() {
        nextFileCheckNanos = System.nanoTime() + properties.fileCheckInterval().toNanos();
        FileStamp stamp = store.stamp().orElse(null);
        Snapshot current = snapshot;
        boolean sameStamp = current != Snapshot.EMPTY && Objects.equals(stamp, current.fileStamp);
        if (sameStamp && (stamp == null || stamp.settled())) {
            return;
        }
        // A refresh in progress re-reads the file under the cross-process lock anyway: do not queue behind it.
        if (!refreshLock.tryLock()) {
            return;
        }
        try {
            snapshot = sameStamp ? recheckContent(current) : load(stamp);
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * A file changed so recently that a rewrite may not have changed its stamp: compared by content, quietly (its
     * problems were reported when it was loaded). Only another pair counts as a change; the same one keeps what this
     * source knows about it (a dead refresh token, a cooldown, its fence).
     */
    private Snapshot recheckContent(Snapshot current) {
        Optional<OAuthCredentials> onDisk;
        try {
            onDisk = store.read();
        } catch (IOException e) {
            return current;
        }
        if (onDisk.isEmpty() || !onDisk.get().isComplete() || onDisk.get().equals(current.credentials)) {
            return current;
        }
        return load(current.fileStamp);
    }

    private Snapshot load(FileStamp modified) {
        Optional<OAuthCredentials> onDisk;
        try {
            onDisk = store.read();
        } catch (IOException e) {
            // The store's messages name the file and the cause ("Cannot read X: permission denied", "X: expiry_date ...").
            String message = e.getMessage() + ". " + LoginHints.howToLogIn();
            log.warn(message);
            // Keep serving with what we had: an unreadable file must not take a working credential away.
            return snapshot.credentials == null
                    ? new Snapshot(null, modified, CredentialState.MISSING, message, null, 0)
                    : new Snapshot(snapshot.credentials, modified, null, null, null, snapshot.fence);
        }
        if (onDisk.isEmpty()) {
            return new Snapshot(null, modified, CredentialState.MISSING, LoginHints.missing(store.file()), null, 0);
        }
        PrivateFiles.warnIfExposed(store.file().toAbsolutePath().getParent());
        PrivateFiles.warnIfExposed(store.file());
        if (!onDisk.get().isComplete()) {
            return new Snapshot(null, modified, CredentialState.MISSING,
                    LoginHints.incomplete(store.file(), onDisk.get().missingFields()) + " " + LoginHints.howToLogIn(),
                    null, 0);
        }
        boolean samePair = snapshot.credentials != null
                && snapshot.credentials.accessToken().equals(onDisk.get().accessToken());
        if (snapshot.credentials != null) {
            log.info("Loaded the Qwen credentials changed on disk ({})", store.file());
        }
        // The same pair (written by this replica, or one sharing the disk) keeps the fencing token it came with.
        return new Snapshot(onDisk.get(), modified, null, null, null, samePair ? snapshot.fence : 0);
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
     * @param fence             the fencing token the pair was published under in the cluster; 0: not from the cluster
     */
    private record Snapshot(OAuthCredentials credentials, FileStamp fileStamp, CredentialState problem,
            String message, Instant retryRefreshAfter, long fence) {

        static final Snapshot EMPTY = new Snapshot(null, null, null, null, null, 0);

        Snapshot withProblem(CredentialState state, String why) {
            return new Snapshot(credentials, fileStamp, state, why, null, fence);
        }

        Snapshot withRefreshFailure(String why, Instant retryAfter) {
            return new Snapshot(credentials, fileStamp, CredentialState.REFRESH_FAILED, why, retryAfter, fence);
        }
    }
}
