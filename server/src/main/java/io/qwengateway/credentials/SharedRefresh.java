package io.qwengateway.credentials;

import java.util.Optional;

/**
 * How the replicas of a cluster agree on refreshing one account: who may refresh it now (a lease carrying a fencing
 * token), and the pair the last refresh published. Refresh tokens rotate, so two replicas refreshing with the same
 * one would leave one of them, or the account, with a dead token. A gateway alone ({@link #ALONE}) has nobody to agree
 * with and refreshes under the CLI's file lock only, as it always did.
 */
public interface SharedRefresh {

    /** A single gateway: no lease, nothing published, nothing to listen to. */
    SharedRefresh ALONE = new SharedRefresh() {
        @Override
        public boolean shared() {
            return false;
        }

        @Override
        public Optional<FencedCredentials> published() {
            return Optional.empty();
        }

        @Override
        public Attempt tryLease() {
            return Attempt.UNSHARED;
        }

        @Override
        public void onPublished(Runnable listener) {
        }
    };

    /** True when other replicas may refresh this account too. */
    boolean shared();

    /** The pair the last refresh in the cluster published, if any and if it can be read now. */
    Optional<FencedCredentials> published();

    /** Takes the account's refresh lease if nobody holds it. Never blocks longer than one shared-state call. */
    Attempt tryLease();

    /** Runs {@code listener} (on another thread) whenever a replica publishes a new pair for this account. */
    void onPublished(Runnable listener);

    /**
     * Credentials as a refresh published them, with the fencing token of the lease it held: of two pairs, the one
     * with the higher token is the later.
     */
    record FencedCredentials(long fence, OAuthCredentials credentials) {
    }

    /** What {@link #tryLease()} found: the lease taken, held by another replica, or no shared state to ask. */
    record Attempt(Lease lease, boolean heldElsewhere) {

        /** Redis is not configured, or cannot be reached: the caller refreshes under the file lock alone. */
        public static final Attempt UNSHARED = new Attempt(null, false);
        public static final Attempt HELD_ELSEWHERE = new Attempt(null, true);

        public static Attempt acquired(Lease lease) {
            return new Attempt(lease, false);
        }

        public boolean acquired() {
            return lease != null;
        }
    }

    /** The right to refresh the account until the lease ends; closing it releases it if it is still this replica's. */
    interface Lease extends AutoCloseable {

        long fence();

        /**
         * Publishes a refreshed pair if this lease still holds (not expired, not taken over, no pair with a higher
         * fencing token published); the answer says whether the caller may keep and write the pair.
         */
        Publication publish(OAuthCredentials refreshed);

        @Override
        void close();
    }

    enum Publication {
        /** Published: every replica adopts it. */
        PUBLISHED,
        /** The lease was lost before the pair could be published: the caller must neither write nor use it. */
        LEASE_LOST,
        /**
         * The shared state could not be reached, but the lease had not ended yet: nobody else can have refreshed, so
         * the caller keeps the pair (its old refresh token may be spent) and writes its file, as a gateway alone does.
         */
        UNPUBLISHED
    }
}
