package io.qwengateway.tokens;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * A JTokkit encoding whose ranks are read off the start's path: {@code cl100k_base}'s 100,000 ranks take about 0.4 s
 * of a start (the gateway's largest single bean, docs/performance.md "Startup"). {@link #loadInBackground} reads them
 * on a thread of their own; a count that comes first reads them itself, or waits for that thread, so no count is
 * ever made without them. The name is checked at once, so a wrong setting still fails the start.
 */
final class BackgroundEncoding {

    private final FutureTask<Encoding> loading;
    private volatile Encoding loaded;

    BackgroundEncoding(String name) {
        EncodingType type = EncodingType.fromName(name).orElseThrow(() -> new IllegalArgumentException(
                "gateway.tokens.encoding: no JTokkit encoding named '" + name
                        + "' (cl100k_base, o200k_base, p50k_base, r50k_base)"));
        this.loading = new FutureTask<>(() -> Encodings.newLazyEncodingRegistry().getEncoding(type));
    }

    /** Starts reading the ranks on a daemon thread, unless a count already has. */
    void loadInBackground() {
        Thread thread = new Thread(loading, "jtokkit-load");
        thread.setDaemon(true);
        thread.start();
    }

    /** The encoding, read first if no one has yet; waits while another thread reads it. */
    Encoding get() {
        Encoding encoding = loaded;
        if (encoding != null) {
            return encoding;
        }
        // A FutureTask runs once: here if no thread has started it, else this waits for the one that did.
        loading.run();
        try {
            encoding = loading.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the JTokkit encoding's ranks", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the JTokkit encoding's ranks were read", e);
        }
        loaded = encoding;
        return encoding;
    }
}
