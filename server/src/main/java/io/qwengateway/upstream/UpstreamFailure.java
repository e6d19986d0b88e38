package io.qwengateway.upstream;

import io.qwengateway.errors.ApiException;

/**
 * What an upstream error means for the gateway, and the error the client gets if it is final.
 *
 * @param kind  what to do about it
 * @param error what the client is told if nothing more is tried
 */
public record UpstreamFailure(Kind kind, ApiException error) {

    public enum Kind {
        /** The token is stale: refresh once and retry once. */
        STALE_TOKEN,
        /** A 502/503/504 or a connection failure before the first byte: retry with backoff. */
        TRANSIENT,
        /** The client's answer: quota, rate limit, context too long, moderation, other 4xx. */
        FINAL
    }
}
