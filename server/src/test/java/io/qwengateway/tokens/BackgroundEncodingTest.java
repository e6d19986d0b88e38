package io.qwengateway.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;

class BackgroundEncodingTest {

    private static final String TEXT = "Hello world, 你好世界: <|im_start|> stays text";
    private static final int EXPECTED = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE)
            .countTokensOrdinary(TEXT);

    @Test
    void aCountBeforeAnyBackgroundLoadReadsTheRanksItselfAndIsRight() {
        BackgroundEncoding encoding = new BackgroundEncoding("cl100k_base");

        assertThat(encoding.get().countTokensOrdinary(TEXT)).isEqualTo(EXPECTED);
    }

    @Test
    void countsRacingTheBackgroundLoadAllWaitForItAndAreRight() throws Exception {
        BackgroundEncoding encoding = new BackgroundEncoding("cl100k_base");
        ExecutorService counters = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Integer>> counts = new ArrayList<>();
            encoding.loadInBackground();
            for (int i = 0; i < 8; i++) {
                counts.add(CompletableFuture.supplyAsync(() -> encoding.get().countTokensOrdinary(TEXT), counters));
            }
            for (CompletableFuture<Integer> count : counts) {
                assertThat(count.get()).isEqualTo(EXPECTED);
            }
        } finally {
            counters.shutdownNow();
        }
    }

    @Test
    void aLoadStartedAfterTheFirstCountChangesNothing() {
        BackgroundEncoding encoding = new BackgroundEncoding("cl100k_base");
        int first = encoding.get().countTokensOrdinary(TEXT);

        encoding.loadInBackground();

        assertThat(encoding.get().countTokensOrdinary(TEXT)).isEqualTo(first).isEqualTo(EXPECTED);
    }

    @Test
    void anUnknownEncodingFailsAtOnceNotAtTheFirstCount() {
        assertThatThrownBy(() -> new BackgroundEncoding("cl200k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gateway.tokens.encoding").hasMessageContaining("cl200k");
    }
}
