package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.support.GatewayIntegrationTest;

/**
 * A finished stream's body ends on the wire even while every request thread is busy: Java 17's bounded pool, here one
 * platform thread (virtual threads off, so the test means the same on every JDK), held by a request waiting for its
 * upstream's headers. Completing the emitter alone would write the body's end only after that request let go of the
 * thread.
 */
class StreamEndWithoutFreeRequestThreadIT extends GatewayIntegrationTest {

    private static final Duration HELD = Duration.ofSeconds(5);
    private static final String STREAM = """
            {"model":"coder-model","stream":true,"messages":[{"role":"user","content":"one two three"}]}""";
    private static final String CHAT = """
            {"model":"coder-model","messages":[{"role":"user","content":"hi"}]}""";

    @DynamicPropertySource
    static void oneRequestThread(DynamicPropertyRegistry registry) {
        registry.add("spring.threads.virtual.enabled", () -> "false");
        registry.add("server.tomcat.threads.max", () -> "1");
        registry.add("server.tomcat.threads.min-spare", () -> "1");
    }

    @Test
    void aFinishedStreamsBodyEndsWhileTheOnlyRequestThreadIsHeldByAnotherRequest() throws Exception {
        sim.enqueueChat(ChatBehaviour.slowStream(3, Duration.ofMillis(300)));
        sim.enqueueChat(ChatBehaviour.delayHeaders(HELD));

        CompletableFuture<HttpResponse<String>> stream = gateway.http().sendAsync(post(STREAM, "text/event-stream"),
                HttpResponse.BodyHandlers.ofString());
        // The stream's request thread is free again once its first event is out: take it with a request whose
        // upstream holds back its headers.
        awaitChatRequests(1);
        long heldFrom = System.nanoTime();
        CompletableFuture<HttpResponse<String>> held = gateway.http().sendAsync(post(CHAT, "application/json"),
                HttpResponse.BodyHandlers.ofString());
        awaitChatRequests(2);

        HttpResponse<String> streamed = stream.get(HELD.toSeconds() * 3, TimeUnit.SECONDS);
        long streamEndedAfter = System.nanoTime() - heldFrom;

        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).endsWith("data: [DONE]\n\n");
        assertThat(held).as("the other request still holds the request thread").isNotDone();
        assertThat(Duration.ofNanos(streamEndedAfter)).as("the stream's body ended before that thread was free")
                .isLessThan(HELD);
        assertThat(held.get(HELD.toSeconds() * 3, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private HttpRequest post(String body, String accept) {
        return gateway.request("/v1/chat/completions")
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static void awaitChatRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.chatRequestCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sim.chatRequestCount()).isGreaterThanOrEqualTo(count);
    }
}
