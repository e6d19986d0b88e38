package io.qwengateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class BackgroundQueueTest {

    @Test
    void workBeyondTheQueueIsDroppedAndCountedAndWhatWasTakenIsDoneByTheClose() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<String> done = new CopyOnWriteArrayList<>();
        BackgroundQueue queue = new BackgroundQueue("test-queue", 1);

        boolean first = queue.offer(() -> {
            awaitQuietly(release);
            done.add("first");
        });
        boolean second = queue.offer(() -> done.add("second"));
        boolean third = queue.offer(() -> done.add("third"));

        assertThat(first).isTrue();
        assertThat(third).as("a full queue takes nothing more").isFalse();
        assertThat(queue.dropped()).isEqualTo(second ? 1 : 2);
        release.countDown();
        queue.close();
        assertThat(done).containsExactlyElementsOf(second ? List.of("first", "second") : List.of("first"));
    }

    @Test
    void aFailingPieceOfWorkDoesNotStopTheNext() {
        List<String> done = new CopyOnWriteArrayList<>();
        BackgroundQueue queue = new BackgroundQueue("test-queue", 10);
        queue.offer(() -> {
            throw new IllegalStateException("observer bug");
        });
        queue.offer(() -> done.add("next"));
        queue.close();
        assertThat(done).containsExactly("next");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
