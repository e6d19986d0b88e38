package io.qwengateway.simulator;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Normal streamed answers: exact SSE framing and the OpenAI chunk sequence. */
class StreamingTest extends SimulatorTestBase {

    private String stream(String requestJson) {
        HttpResponse<String> response = http.chat(token, requestJson);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        return response.body();
    }

    @Test
    void everyEventIsDataSpaceCompactJsonAndTheStreamEndsWithDone() {
        String body = stream(ChatRequests.streamedUserSays("hello there"));

        assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        String[] events = body.split("\n\n");
        for (String event : events) {
            assertTrue(event.startsWith("data: "), event);
            assertFalse(event.substring("data: ".length()).contains("\n"), "one line per event: " + event);
        }
        assertEquals(body.length(), String.join("\n\n", events).length() + 2, "nothing but events");
    }

    @Test
    void chunksOpenWithTheRoleCarryTheTextAndCloseWithAFinishChunk() {
        List<JsonNode> chunks = TestHttp.chunks(stream(ChatRequests.streamedUserSays("hello there")));

        JsonNode first = chunks.get(0);
        assertEquals("{\"role\":\"assistant\",\"content\":\"\"}",
                first.path("choices").path(0).path("delta").toString());
        JsonNode last = chunks.get(chunks.size() - 1);
        assertEquals("{}", last.path("choices").path(0).path("delta").toString());
        assertEquals("stop", last.path("choices").path(0).path("finish_reason").stringValue());
        assertEquals("Hello from the Qwen simulator. You said: hello there", TestHttp.streamedContent(chunks));
        for (JsonNode chunk : chunks) {
            assertEquals("chat.completion.chunk", chunk.path("object").stringValue());
            assertEquals(first.path("id"), chunk.path("id"));
            assertEquals(first.path("created"), chunk.path("created"));
            assertEquals("coder-model", chunk.path("model").stringValue());
            assertFalse(chunk.has("usage"), "no usage key when the client did not ask for usage");
        }
    }

    @Test
    void usageChunkComesLastOnlyWhenIncludeUsageIsSet() {
        List<JsonNode> withUsage = TestHttp.chunks(stream(ChatRequests.streamedWithUsage("hi")));
        List<JsonNode> without = TestHttp.chunks(stream(ChatRequests.streamedUserSays("hi")));

        JsonNode usageChunk = withUsage.get(withUsage.size() - 1);
        assertTrue(usageChunk.path("choices").isArray() && usageChunk.path("choices").isEmpty());
        assertEquals(1, usageChunk.path("usage").path("prompt_tokens").asInt());
        assertEquals(0, usageChunk.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt());
        assertTrue(usageChunk.path("usage").has("cached_tokens"));
        assertTrue(withUsage.get(0).path("usage").isNull(), "other chunks say usage:null, as OpenAI does");
        assertTrue(without.stream().allMatch(chunk -> !chunk.path("choices").isEmpty()));
    }

    @Test
    void contentIsSplitIntoAtMostTheConfiguredNumberOfChunks() {
        simulator.setResponseShape(simulator.responseShape().withContentChunks(3));

        List<JsonNode> chunks = TestHttp.chunks(stream(ChatRequests.streamedUserSays("one two three four five")));

        // role chunk + 3 content chunks + finish chunk
        assertEquals(5, chunks.size());
        assertEquals("Hello from the Qwen simulator. You said: one two three four five",
                TestHttp.streamedContent(chunks));
    }

    @Test
    void chunkDelayPacesTheEvents() {
        simulator.setResponseShape(new ResponseShape(4, Duration.ofMillis(50), Duration.ZERO));

        long start = System.nanoTime();
        stream(ChatRequests.streamedUserSays("hi"));

        // 6 events (role, 4 content, finish) with 5 pauses between them
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 250);
    }

    @Test
    void toolCallsStreamAsStandardDeltas() {
        List<JsonNode> chunks = TestHttp.chunks(stream(ChatRequests.withTools(true, ChatRequests.READ_FILE_TOOL)));

        JsonNode start = chunks.get(1).path("choices").path(0).path("delta").path("tool_calls").path(0);
        assertEquals(0, start.path("index").asInt());
        assertTrue(start.path("id").stringValue().startsWith("call_"));
        assertEquals("function", start.path("type").stringValue());
        assertEquals("read_file", start.path("function").path("name").stringValue());
        assertEquals("", start.path("function").path("arguments").stringValue());
        StringBuilder arguments = new StringBuilder();
        for (JsonNode chunk : chunks.subList(2, chunks.size() - 1)) {
            JsonNode fragment = chunk.path("choices").path(0).path("delta").path("tool_calls").path(0);
            assertEquals(0, fragment.path("index").asInt());
            assertFalse(fragment.has("id"));
            assertFalse(fragment.path("function").has("name"));
            arguments.append(fragment.path("function").path("arguments").stringValue());
        }
        assertEquals("{\"path\":\"sample\",\"limit\":1,\"follow\":true,\"tags\":[],\"options\":{}}",
                arguments.toString());
        assertEquals("tool_calls", chunks.get(chunks.size() - 1).path("choices").path(0).path("finish_reason")
                .stringValue());
    }

    @Test
    void reasoningContentIsStreamedBeforeTheContent() {
        List<JsonNode> chunks = TestHttp.chunks(stream("{\"model\":\"coder-model\",\"stream\":true,"
                + "\"reasoning_effort\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"why?\"}]}"));

        StringBuilder reasoning = new StringBuilder();
        int lastReasoningChunk = -1;
        int firstContentChunk = -1;
        for (int i = 1; i < chunks.size(); i++) {
            JsonNode delta = chunks.get(i).path("choices").path(0).path("delta");
            if (delta.has("reasoning_content")) {
                reasoning.append(delta.path("reasoning_content").stringValue());
                lastReasoningChunk = i;
            } else if (delta.has("content") && firstContentChunk < 0) {
                firstContentChunk = i;
            }
        }
        assertEquals("Thinking about: why?", reasoning.toString());
        assertTrue(lastReasoningChunk < firstContentChunk);
    }
}
