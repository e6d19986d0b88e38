package io.qwengateway.credentials;

/** The {@link SharedRefresh} of each OAuth account, by the account's stable name (the upstream's name in the pool). */
@FunctionalInterface
public interface SharedRefreshes {

    /** A single gateway: every account refreshes alone. */
    SharedRefreshes ALONE = account -> SharedRefresh.ALONE;

    SharedRefresh forAccount(String account);
}
