package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams that start with a 200 and then go wrong, the ways the upstream's do. */
class BrokenStreamsTest extends SimulatorTestBase {

    private String stream(String requestJson) {
        HttpResponse<String> response = http.chat(token, requestJson);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private String rawStream(String requestJson) throws IOException {
        return TestHttp.rawExchange(simulator, "POST /v1/chat/completions HTTP/1.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n", requestJson);
    }

    private static JsonNode choiceOf(JsonNode chunk) {
        return chunk.path("choices").path(0);
    }

    @Test
    void aNormalStreamEndsWithTheChunkedTerminatorOnTheWire() throws IOException {
        String raw = rawStream(ChatRequests.streamedUserSays("hi"));

        assertTrue(raw.contains("data: [DONE]"));
        assertTrue(raw.endsWith("0\r\n\r\n"), raw);
    }

    @Test
    void streamCutStopsAfterTheGivenChunksWithoutTerminatorOrDone() throws IOException {
        simulator.enqueueChat(ChatBehaviour.streamCut(2));

        String raw = rawStream(ChatRequests.streamedUserSays("one two three four five six"));

        assertTrue(raw.startsWith("HTTP/1.1 200"), raw);
        assertFalse(raw.endsWith("0\r\n\r\n"), "a cut stream has no terminating chunk: " + raw);
        assertFalse(raw.contains("[DONE]"));
        assertFalse(raw.contains("finish_reason\":\"stop"));
        assertEquals(3, raw.split("data: ", -1).length - 1, "role chunk and two content chunks");
    }

    @Test
    void streamCutMakesAnHttpClientFailWithAPrematureEnd() {
        simulator.enqueueChat(ChatBehaviour.streamCut(1));

        IOException failure = http.failureOf(http.request("/v1/chat/completions")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(ChatRequests.streamedUserSays("hi")))
                .build());

        assertTrue(failure.getMessage() != null, failure.toString());
    }

    @Test
    void streamCutOnANonStreamingRequestTruncatesTheJsonBody() throws IOException {
        simulator.enqueueChat(ChatBehaviour.streamCut(1));

        String raw = rawStream(ChatRequests.userSays("hi"));
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        int announced = Integer.parseInt(raw.replaceAll("(?is).*content-length: (\\d+).*", "$1"));

        assertTrue(body.length() < announced, "body " + body.length() + " of " + announced);
    }

    @Test
    void streamEndsSilentlyClosesCleanlyWithNeitherFinishReasonNorDone() throws IOException {
        simulator.enqueueChat(ChatBehaviour.streamEndsSilently(2));

        String raw = rawStream(ChatRequests.streamedUserSays("one two three four"));

        assertTrue(raw.endsWith("0\r\n\r\n"), "closed cleanly: " + raw);
        assertFalse(raw.contains("[DONE]"));
        assertFalse(raw.contains("\"finish_reason\":\"stop\""));
        assertEquals(3, raw.split("data: ", -1).length - 1);
    }

    @Test
    void midStreamTimeoutEndsWithDashScopesErrorFrame() {
        simulator.enqueueChat(ChatBehaviour.midStreamTimeout(2));

        String body = stream(ChatRequests.streamedUserSays("one two three four"));

        assertTrue(body.endsWith("\n\nevent:error\n:HTTP_STATUS/504\n"
                + "data:{\"error\":{\"message\":\"stream timeout\",\"type\":\"server_error\",\"code\":\"504\"}}\n\n"),
                body);
        assertFalse(body.contains("[DONE]"));
        assertEquals(3, TestHttp.dataPayloads(body).size());
    }

    @Test
    void streamErrorEventCarriesTheGivenStatusAndError() {
        String throttling = "{\"error\":{\"message\":\"Requests rate limit exceeded\",\"code\":\"Throttling\"}}";
        simulator.enqueueChat(ChatBehaviour.streamErrorEvent(0, 429, throttling));

        String body = stream(ChatRequests.streamedUserSays("hi"));

        assertTrue(body.endsWith("event:error\n:HTTP_STATUS/429\ndata:" + throttling + "\n\n"), body);
    }

    @Test
    void errorFinishPutsTheErrorJsonInContentWithFinishReasonErrorFinish() {
        simulator.enqueueChat(ChatBehaviour.errorFinish(1));

        String body = stream(ChatRequests.streamedUserSays("one two three"));
        List<JsonNode> chunks = TestHttp.chunks(body);

        JsonNode last = chunks.get(chunks.size() - 1);
        assertEquals("error_finish", choiceOf(last).path("finish_reason").stringValue());
        JsonNode error = TestHttp.json(choiceOf(last).path("delta").path("content").stringValue());
        assertEquals("Throttling", error.path("error").path("code").stringValue());
        assertEquals(3, chunks.size(), "role, one content chunk, the error_finish chunk");
        assertTrue(body.endsWith("data: [DONE]\n\n"));
    }

    @Test
    void cumulativeDeltasCarryTheWholeTextSoFar() {
        simulator.enqueueChat(ChatBehaviour.cumulativeDeltas());

        List<JsonNode> chunks = TestHttp.chunks(stream(ChatRequests.streamedUserSays("hi")));

        List<String> contents = new ArrayList<>();
        for (JsonNode chunk : chunks.subList(1, chunks.size() - 1)) {
            contents.add(choiceOf(chunk).path("delta").path("content").stringValue());
        }
        for (int i = 1; i < contents.size(); i++) {
            assertTrue(contents.get(i).startsWith(contents.get(i - 1)), contents.toString());
        }
        assertEquals("Hello from the Qwen simulator. You said: hi", contents.get(contents.size() - 1));
    }

    @Test
    void toolCallQuirksCollideOnIndexZeroRepeatTheSecondNameAndFinishWithStop() {
        simulator.enqueueChat(ChatBehaviour.toolCallQuirks());

        List<JsonNode> chunks = TestHttp.chunks(stream(ChatRequests.withTools(true, ChatRequests.READ_FILE_TOOL,
                ChatRequests.LIST_DIRECTORY_TOOL)));

        List<JsonNode> deltas = new ArrayList<>();
        chunks.forEach(chunk -> choiceOf(chunk).path("delta").path("tool_calls").forEach(deltas::add));
        List<JsonNode> withIds = deltas.stream().filter(delta -> delta.has("id")).toList();
        assertEquals(2, withIds.size(), "ids only on the first chunk of each call");
        assertNotEquals(withIds.get(0).path("id"), withIds.get(1).path("id"));
        assertTrue(deltas.stream().allMatch(delta -> delta.path("index").asInt() == 0), "colliding indexes");
        int secondStart = deltas.indexOf(withIds.get(1));
        for (JsonNode fragment : deltas.subList(secondStart, deltas.size())) {
            assertEquals("list_directory", fragment.path("function").path("name").stringValue());
        }
        assertFalse(deltas.get(1).path("function").has("name"), "the first call's fragments are clean");
        assertEquals("stop", choiceOf(chunks.get(chunks.size() - 1)).path("finish_reason").stringValue());
    }

    @Test
    void truncatedToolCallBreaksOffTheArgumentsAndFinishesWithToolCalls() {
        simulator.enqueueChat(ChatBehaviour.truncatedToolCall());

        List<JsonNode> chunks = TestHttp.chunks(stream(ChatRequests.withTools(true, ChatRequests.READ_FILE_TOOL)));

        StringBuilder arguments = new StringBuilder();
        chunks.forEach(chunk -> choiceOf(chunk).path("delta").path("tool_calls")
                .forEach(delta -> arguments.append(delta.path("function").path("arguments").asString(""))));
        assertEquals("{\"path\":\"src/ma", arguments.toString());
        assertEquals("tool_calls", choiceOf(chunks.get(chunks.size() - 1)).path("finish_reason").stringValue());
    }

    @Test
    void reasoningBehaviourForcesReasoningContent() {
        simulator.enqueueChat(ChatBehaviour.reasoning());

        JsonNode completion = TestHttp.json(http.chat(token, ChatRequests.userSays("why?")));

        assertEquals("Thinking about: why?",
                completion.path("choices").path(0).path("message").path("reasoning_content").stringValue());
    }

    @Test
    void slowStreamSendsExactlyTheGivenContentChunksAtTheGivenPace() {
        simulator.enqueueChat(ChatBehaviour.slowStream(30, Duration.ofMillis(10)));

        long start = System.nanoTime();
        List<JsonNode> chunks = TestHttp.chunks(stream(ChatRequests.streamedUserSays("hi")));

        assertEquals(32, chunks.size(), "role + 30 content chunks + finish");
        assertTrue(TestHttp.streamedContent(chunks).startsWith("Hello from the Qwen simulator. You said: hi"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 300);
    }
}
