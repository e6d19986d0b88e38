package io.qwengateway.tokens;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A request's input tokens as the pipeline has them before it sends the request: counted, or still being counted
 * beside the upstream call ({@link TokenEstimator#begin}), with an upper bound known at once.
 */
public final class InputTokens {

    private final TokenEstimate atMost;
    private final CompletableFuture<TokenEstimate> count;

    private InputTokens(TokenEstimate atMost, CompletableFuture<TokenEstimate> count) {
        this.atMost = atMost;
        this.count = count;
    }

    static InputTokens counted(TokenEstimate estimate) {
        return new InputTokens(estimate, CompletableFuture.completedFuture(estimate));
    }

    static InputTokens counting(TokenEstimate atMost, CompletableFuture<TokenEstimate> count) {
        return new InputTokens(atMost, count);
    }

    /** No more tokens than this, raw and corrected, known before the count (the count itself when all was counted). */
    public TokenEstimate atMost() {
        return atMost;
    }

    /** Whether the count is made (or failed): {@link #counted()} will not wait. */
    public boolean isCounted() {
        return count.isDone();
    }

    /** The count, waiting for it while it is being made; a failure to count is thrown here. */
    public TokenEstimate counted() {
        try {
            return count.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The count, waiting for it; empty if it failed (for a request that is failing anyway). */
    public Optional<TokenEstimate> countedUnlessFailed() {
        try {
            return Optional.of(count.join());
        } catch (CompletionException | CancellationException e) {
            return Optional.empty();
        }
    }
}
