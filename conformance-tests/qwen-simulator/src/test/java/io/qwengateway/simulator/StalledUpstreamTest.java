package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A frozen upstream: requests held silent with their connection open, until thawed (go on) or reset (cut). */
class StalledUpstreamTest extends SimulatorTestBase {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private CompletableFuture<HttpResponse<String>> chatInBackground(String requestJson) {
        return CompletableFuture.supplyAsync(() -> http.chat(token, requestJson));
    }

    @Test
    void stallBeforeResponseHoldsTheRequestUntilThawedThenAnswersNormally() {
        simulator.enqueueChat(ChatBehaviour.stallBeforeResponse());
        CompletableFuture<HttpResponse<String>> answer = chatInBackground(ChatRequests.userSays("hi"));

        assertTrue(simulator.awaitStalledRequests(1, WAIT));
        assertFalse(answer.isDone(), "held: not a byte of answer yet");
        assertEquals(1, simulator.chatRequestCount(), "the request itself was received");

        simulator.thawStalledRequests();

        HttpResponse<String> response = answer.join();
        assertEquals(200, response.statusCode());
        assertTrue(TestHttp.json(response).path("choices").path(0).path("message").path("content").stringValue()
                .endsWith("You said: hi"));
        assertEquals(0, simulator.stalledRequests());
    }

    @Test
    void resetCutsTheConnectionOfAHeldRequest() {
        simulator.enqueueChat(ChatBehaviour.stallBeforeResponse());
        CompletableFuture<HttpResponse<String>> answer = chatInBackground(ChatRequests.userSays("hi"));
        assertTrue(simulator.awaitStalledRequests(1, WAIT));

        simulator.reset();

        CompletionException failure = assertThrows(CompletionException.class, answer::join);
        assertInstanceOf(IOException.class, failure.getCause().getCause(), failure.toString());
        assertEquals(0, simulator.stalledRequests());
    }

    @Test
    void stallMidStreamSendsTheOpeningChunksThenHoldsUntilThawedAndFinishesTheAnswer() throws IOException {
        simulator.enqueueChat(ChatBehaviour.stallMidStream(2));

        try (RawStream stream = RawStream.open(simulator, token, ChatRequests.streamedUserSays("one two three four"))) {
            stream.awaitEvents(3); // role chunk and two content chunks
            assertTrue(simulator.awaitStalledRequests(1, WAIT));

            simulator.thawStalledRequests();

            String raw = stream.readToEnd();
            assertTrue(raw.contains("\"finish_reason\":\"stop\""), raw);
            assertTrue(raw.contains("data: [DONE]"), raw);
            assertTrue(raw.endsWith("0\r\n\r\n"), "a clean end after the thaw: " + raw);
        }
        assertEquals(0, simulator.cancelledStreams());
    }

    @Test
    void aStreamHeldMidWayIsCutByAReset() throws IOException {
        simulator.enqueueChat(ChatBehaviour.stallMidStream(1));

        try (RawStream stream = RawStream.open(simulator, token, ChatRequests.streamedUserSays("one two three"))) {
            stream.awaitEvents(2);
            assertTrue(simulator.awaitStalledRequests(1, WAIT));

            simulator.reset();

            String raw = stream.readToEnd();
            assertFalse(raw.contains("[DONE]"), raw);
            assertFalse(raw.endsWith("0\r\n\r\n"), "cut, without the terminating chunk: " + raw);
        }
    }

    @Test
    void stallMidStreamHoldsANonStreamingRequestBeforeItsAnswer() {
        simulator.enqueueChat(ChatBehaviour.stallMidStream(2));
        CompletableFuture<HttpResponse<String>> answer = chatInBackground(ChatRequests.userSays("hi"));

        assertTrue(simulator.awaitStalledRequests(1, WAIT));
        assertFalse(answer.isDone());
        simulator.thawStalledRequests();

        assertEquals(200, answer.join().statusCode());
    }

    @Test
    void theAdminApiQueuesStallsCountsThemAndThawsThem() throws IOException {
        HttpResponse<String> enqueued = http.post("/__sim/chat/enqueue", "{\"kind\":\"stallMidStream\",\"chunks\":1}");
        assertEquals(200, enqueued.statusCode(), enqueued.body());

        try (RawStream stream = RawStream.open(simulator, token, ChatRequests.streamedUserSays("one two three"))) {
            stream.awaitEvents(2);
            assertTrue(simulator.awaitStalledRequests(1, WAIT));
            assertEquals(1, TestHttp.json(http.get("/__sim/stats")).path("stalledRequests").asInt());

            HttpResponse<String> thawed = http.post("/__sim/stalls/thaw", "");

            assertEquals(200, thawed.statusCode(), thawed.body());
            assertEquals(1, TestHttp.json(thawed).path("thawed").asInt());
            assertTrue(stream.readToEnd().contains("data: [DONE]"));
        }
    }
}
