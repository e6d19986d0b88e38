package io.qwengateway.upstream;

import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * How many more times one client request may be sent upstream. Every layer that resends draws on the same budget:
 * the immediate resend over a dead pooled connection ({@link StaleConnectionRetry}), the backed-off retries and the
 * retry with a renewed token ({@link UpstreamCaller}). Without one, the layers multiply: three attempts of four sends
 * each made one cut connection cost twelve POSTs, each of which the model may have started to answer.
 *
 * <p>Used by one client request's thread only (httpclient resends on the calling thread), so it needs no locking.
 */
public final class SendBudget {

    private static final String CONTEXT_ATTRIBUTE = SendBudget.class.getName();

    private final int max;
    private int sent;
    private boolean staleResendUsed;

    public SendBudget(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one send, was " + max);
        }
        this.max = max;
    }

    /** Counts a send that is about to happen. */
    void count() {
        sent++;
    }

    boolean hasSendsLeft() {
        return sent < max;
    }

    /**
     * Counts the resend over a fresh connection after a pooled one died unanswered, if the budget allows it and none
     * was made yet for this request: once is enough to get past the one dead connection a request can meet, and a
     * second such failure means the upstream itself is cutting connections, which the backed-off retries are for.
     */
    boolean tryStaleResend() {
        if (staleResendUsed || !hasSendsLeft()) {
            return false;
        }
        staleResendUsed = true;
        count();
        return true;
    }

    public int sent() {
        return sent;
    }

    public int max() {
        return max;
    }

    void attachTo(HttpContext context) {
        context.setAttribute(CONTEXT_ATTRIBUTE, this);
    }

    /** The budget of the request an httpclient context belongs to, or null when the call has none. */
    static SendBudget of(HttpContext context) {
        return context.getAttribute(CONTEXT_ATTRIBUTE) instanceof SendBudget budget ? budget : null;
    }
}
