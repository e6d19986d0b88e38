package io.qwengateway.pool;

/** The window a spent quota belongs to, which decides when the upstream serves again. */
public enum QuotaWindow {
    HOUR, DAY, WEEK, MONTH
}
