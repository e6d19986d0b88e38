package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import jakarta.servlet.AsyncContext;

/**
 * When a relayed stream ends through its servlet async context (no second dispatch): at once when Spring has handed
 * the stream over, at the hand-over when the relay finished first, and exactly once either way.
 */
class RelayEmitterTest {

    private final AtomicInteger completions = new AtomicInteger();
    private final AsyncContext context = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { AsyncContext.class }, (proxy, method, args) -> {
                if (method.getName().equals("complete")) {
                    completions.incrementAndGet();
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    private final RelayEmitter emitter = new RelayEmitter(0L);

    @Test
    void aStreamHandedOverEndsWhenTheRelayFinishes() {
        emitter.handedOver(context);
        assertThat(completions).hasValue(0);

        emitter.completeResponse();

        assertThat(completions).hasValue(1);
    }

    @Test
    void aStreamTheRelayFinishedBeforeTheHandOverEndsAtTheHandOver() {
        emitter.completeResponse();
        assertThat(completions).as("Spring has not initialised the emitter yet").hasValue(0);

        emitter.handedOver(context);

        assertThat(completions).hasValue(1);
    }

    @Test
    void aStreamThatIsNeverFinishedIsNeverCompleted() {
        emitter.handedOver(context);

        assertThat(completions).hasValue(0);
    }
}
