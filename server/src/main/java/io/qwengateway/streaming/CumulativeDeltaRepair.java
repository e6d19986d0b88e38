package io.qwengateway.streaming;

/**
 * Some DashScope paths stream cumulative deltas (the whole text so far) instead of suffixes; clients would print the
 * text over and over. The mode is decided once, at the second non-empty delta: cumulative when it extends the first
 * (and the first is long enough for that not to be chance); from then on only the new suffix is passed on.
 */
final class CumulativeDeltaRepair {

    private final boolean enabled;
    private final int minimumPrefix;
    private String previous;
    private Boolean cumulative;

    CumulativeDeltaRepair(boolean enabled, int minimumPrefix) {
        this.enabled = enabled;
        this.minimumPrefix = minimumPrefix;
    }

    /** Whether every delta from now on passes unchanged: the repair is off, or the stream proved not cumulative. */
    boolean settled() {
        return !enabled || Boolean.FALSE.equals(cumulative);
    }

    /**
     * Whether {@link #repair} would return this delta as it is (it may still learn from it): the relay's fast path
     * passes such a delta on as the upstream's bytes and then gives it to {@link #repair} for what it learns.
     */
    boolean passesUnchanged(String delta) {
        if (!enabled || delta.isEmpty() || Boolean.FALSE.equals(cumulative) || previous == null) {
            return true;
        }
        if (cumulative == null) {
            return !extendsFirst(delta);
        }
        return !delta.startsWith(previous);
    }

    String repair(String delta) {
        if (!enabled || delta.isEmpty() || Boolean.FALSE.equals(cumulative)) {
            return delta;
        }
        if (previous == null) {
            previous = delta;
            return delta;
        }
        if (cumulative == null) {
            cumulative = extendsFirst(delta);
            if (!cumulative) {
                previous = null;
                return delta;
            }
        }
        String suffix = delta.startsWith(previous) ? delta.substring(previous.length()) : delta;
        previous = delta;
        return suffix;
    }

    /** The second non-empty delta shows the stream cumulative: it extends a first one long enough not to be chance. */
    private boolean extendsFirst(String delta) {
        return previous.length() >= minimumPrefix && delta.length() > previous.length() && delta.startsWith(previous);
    }
}
