package io.qwengateway.tokens;

import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The token counts of texts seen before. A coding agent sends its whole conversation again at every turn: the system
 * prompt, the tool list and every earlier message, with one new message at the end. Counting a 240 KB conversation
 * (60,000 tokens) took ~13 ms, most of a large request's time in the gateway (docs/performance.md, "Large requests"),
 * though only the newest message was new. A text is looked up by its content (its hash, then an equality check),
 * which costs a small part of counting it, so the count is the same as a fresh one's.
 *
 * <p>Bounded by the characters it holds ({@code gateway.tokens.remembered-chars}, 0 for none): the texts are kept as
 * the keys. Caffeine evicts by frequency and recency, so an agent's prefix, used at every turn, stays while one-off
 * texts go first. Texts shorter than {@link #MIN_CHARS} are counted each time: they cost less to count than to keep.
 */
final class RememberedCounts {

    /** Below this a count takes a few microseconds, no more than keeping and finding the entry is worth. */
    static final int MIN_CHARS = 64;
    /** What an entry costs besides its text, in characters: Caffeine's node and the boxed count. */
    private static final int ENTRY_OVERHEAD_CHARS = 64;

    private final Cache<String, Long> counts;
    private final ToLongFunction<String> counter;

    RememberedCounts(long maxChars, ToLongFunction<String> counter) {
        this.counter = counter;
        // Eviction runs on the calling thread: a count is already that thread's work, and no pool is needed for it.
        this.counts = maxChars <= 0 ? null
                : Caffeine.newBuilder().maximumWeight(maxChars)
                        .weigher((String text, Long count) -> text.length() + ENTRY_OVERHEAD_CHARS)
                        .executor(Runnable::run).build();
    }

    /** The count of a text counted before and still kept; null for any other. */
    Long known(String text) {
        return counts == null || text.length() < MIN_CHARS ? null : counts.getIfPresent(text);
    }

    long count(String text) {
        if (counts == null || text.length() < MIN_CHARS) {
            return counter.applyAsLong(text);
        }
        Long known = counts.getIfPresent(text);
        if (known != null) {
            return known;
        }
        long counted = counter.applyAsLong(text);
        counts.put(text, counted);
        return counted;
    }
}
