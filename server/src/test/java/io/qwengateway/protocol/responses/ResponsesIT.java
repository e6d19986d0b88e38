package io.qwengateway.protocol.responses;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.RecordedRequest;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import io.qwengateway.support.NamedSseEvents;
import tools.jackson.databind.JsonNode;

/** {@code /v1/responses} through the real gateway against the simulated Qwen. */
class ResponsesIT extends GatewayIntegrationTest {

    private static final String GREETING = "Hello from the Qwen simulator. You said: ";

    private JsonNode create(String body) {
        HttpResponse<String> response = gateway.postJson("/v1/responses", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        return GatewayClient.parse(response.body());
    }

    private NamedSseEvents stream(String body) {
        HttpResponse<String> response = gateway.postStream("/v1/responses", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        return NamedSseEvents.of(response.body());
    }

    private JsonNode lastUpstreamRequest() {
        List<RecordedRequest> requests = sim.recordedRequests("/v1/chat/completions");
        return GatewayClient.parse(requests.get(requests.size() - 1).body());
    }

    @Test
    void aTextAnswerIsAResponseObjectWithAMessageItemAndUsage() {
        JsonNode response = create("{\"model\":\"coder-model\",\"instructions\":\"Be brief.\",\"input\":\"Hi there\"}");

        assertThat(response.path("id").asString()).startsWith("resp_");
        assertThat(response.path("object").asString()).isEqualTo("response");
        assertThat(response.path("status").asString()).isEqualTo("completed");
        JsonNode message = response.path("output").get(0);
        assertThat(message.path("type").asString()).isEqualTo("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("content").get(0).path("text").asString()).isEqualTo(GREETING + "Hi there");
        assertThat(response.path("usage").path("input_tokens").asInt()).isPositive();
        assertThat(response.path("usage").path("total_tokens").asInt())
                .isEqualTo(response.path("usage").path("input_tokens").asInt()
                        + response.path("usage").path("output_tokens").asInt());

        JsonNode upstream = lastUpstreamRequest();
        assertThat(upstream.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(upstream.path("messages").get(0).toString()).contains("Be brief.");
        assertThat(upstream.path("messages").get(1).path("content").asString()).isEqualTo("Hi there");
        assertThat(upstream.has("input")).isFalse();
    }

    @Test
    void aStreamIsTheOfficialSequenceOfNamedEventsEndingCompleted() {
        NamedSseEvents events = stream("{\"model\":\"coder-model\",\"input\":\"Stream me\",\"stream\":true}");

        assertThat(events.events()).allSatisfy(event ->
                assertThat(event.name()).isEqualTo(event.data().path("type").asString()));
        assertThat(events.types()).startsWith("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta");
        assertThat(events.types()).endsWith("response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed");
        for (int i = 0; i < events.events().size(); i++) {
            assertThat(events.events().get(i).data().path("sequence_number").asInt(-1)).isEqualTo(i);
        }
        assertThat(events.deltas("response.output_text.delta")).isEqualTo(GREETING + "Stream me");
        assertThat(events.last().path("response").path("usage").path("output_tokens").asInt()).isPositive();
        JsonNode upstream = lastUpstreamRequest();
        assertThat(upstream.path("stream").asBoolean()).isTrue();
        assertThat(upstream.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void aFunctionToolRoundTripContinuesFromThePreviousResponse() {
        JsonNode first = create("""
                {"model":"coder-model","input":"Weather in Paris?","tools":[{"type":"function","name":"get_weather",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                  {"type":"web_search"}]}""");
        JsonNode call = first.path("output").get(0);
        assertThat(call.path("type").asString()).isEqualTo("function_call");
        assertThat(call.path("name").asString()).isEqualTo("get_weather");
        assertThat(GatewayClient.parse(call.path("arguments").asString()).has("city")).isTrue();
        JsonNode firstUpstream = lastUpstreamRequest();
        assertThat(firstUpstream.path("tools")).hasSize(1);

        JsonNode second = create("""
                {"model":"coder-model","previous_response_id":"%s","input":[{"type":"function_call_output",
                  "call_id":"%s","output":"sunny, 21 C"}]}""".formatted(first.path("id").asString(),
                call.path("call_id").asString()));

        assertThat(second.path("output").get(0).path("content").get(0).path("text").asString())
                .isEqualTo("Tool result received: sunny, 21 C");
        JsonNode messages = lastUpstreamRequest().path("messages");
        assertThat(messages.get(0).path("content").asString()).isEqualTo("Weather in Paris?");
        assertThat(messages.get(1).path("tool_calls").get(0).path("id").asString())
                .isEqualTo(call.path("call_id").asString());
        assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
        assertThat(second.path("previous_response_id").asString()).isEqualTo(first.path("id").asString());
    }

    @Test
    void aNamespacedToolIsCalledUnderItsNamespaceAndFlatUpstream() {
        NamedSseEvents events = stream("""
                {"model":"coder-model","input":"Spawn one","stream":true,"tool_choice":{"type":"function","name":"spawn","namespace":"agents"},
                 "tools":[{"type":"namespace","name":"agents","description":"Sub-agents","tools":[
                   {"type":"function","name":"spawn","parameters":{"type":"object","properties":{"task":{"type":"string"}},"required":["task"]}}]}]}""");

        JsonNode item = events.last().path("response").path("output").get(0);
        assertThat(item.path("type").asString()).isEqualTo("function_call");
        assertThat(item.path("name").asString()).isEqualTo("spawn");
        assertThat(item.path("namespace").asString()).isEqualTo("agents");
        assertThat(events.types()).contains("response.function_call_arguments.delta",
                "response.function_call_arguments.done");
        assertThat(lastUpstreamRequest().path("tools").get(0).path("function").path("name").asString())
                .isEqualTo("agents__spawn");
    }

    @Test
    void reasoningBecomesAReasoningItemBeforeTheMessage() {
        sim.enqueueChat(ChatBehaviour.reasoning());

        NamedSseEvents events = stream("{\"model\":\"coder-model\",\"input\":\"Think\",\"stream\":true}");

        JsonNode output = events.last().path("response").path("output");
        assertThat(output.get(0).path("type").asString()).isEqualTo("reasoning");
        assertThat(output.get(0).path("content").get(0).path("text").asString()).startsWith("Thinking about: ");
        assertThat(output.get(1).path("type").asString()).isEqualTo("message");
        assertThat(events.deltas("response.reasoning_text.delta")).startsWith("Thinking about: ");
    }

    @Test
    void structuredOutputAsksQwenForTheJsonSchema() {
        JsonNode response = create("""
                {"model":"coder-model","input":"A person","text":{"format":{"type":"json_schema","name":"person",
                  "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]},"strict":true}}}""");

        String text = response.path("output").get(0).path("content").get(0).path("text").asString();
        assertThat(GatewayClient.parse(text).has("name")).isTrue();
        assertThat(lastUpstreamRequest().path("response_format").path("json_schema").path("name").asString())
                .isEqualTo("person");
        assertThat(response.path("text").path("format").path("type").asString()).isEqualTo("json_schema");
    }

    @Test
    void storedResponsesCanBeReadListedAndDeleted() {
        JsonNode created = create("{\"model\":\"coder-model\",\"input\":\"Keep me\"}");
        String id = created.path("id").asString();

        HttpResponse<String> read = gateway.get("/v1/responses/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.parse(read.body())).isEqualTo(created);
        JsonNode items = GatewayClient.parse(gateway.get("/v1/responses/" + id + "/input_items").body());
        assertThat(items.path("object").asString()).isEqualTo("list");
        // Listed as the API's item resource: the string input is one input_text part.
        assertThat(items.path("data").get(0).path("content").get(0).path("type").asString()).isEqualTo("input_text");
        assertThat(items.path("data").get(0).path("content").get(0).path("text").asString()).isEqualTo("Keep me");
        assertThat(items.path("data").get(0).path("status").asString()).isEqualTo("completed");
        assertThat(items.path("has_more").asBoolean(true)).isFalse();

        HttpResponse<String> deleted = gateway.send(gateway.request("/v1/responses/" + id).DELETE().build());
        assertThat(GatewayClient.parse(deleted.body()).path("deleted").asBoolean()).isTrue();
        HttpResponse<String> gone = gateway.get("/v1/responses/" + id);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(GatewayClient.parse(gone.body()).path("error").path("code").asString())
                .isEqualTo("response_not_found");
    }

    @Test
    void storeFalseKeepsNothing() {
        JsonNode created = create("{\"model\":\"coder-model\",\"input\":\"Forget me\",\"store\":false}");

        assertThat(gateway.get("/v1/responses/" + created.path("id").asString()).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownPreviousResponseIsA404BeforeQwenIsCalled() {
        int before = sim.chatRequestCount();

        HttpResponse<String> response = gateway.postJson("/v1/responses",
                "{\"model\":\"coder-model\",\"previous_response_id\":\"resp_unknown\",\"input\":\"x\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = GatewayClient.parse(response.body()).path("error");
        assertThat(error.path("param").asString()).isEqualTo("previous_response_id");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(sim.chatRequestCount()).isEqualTo(before);
    }

    @Test
    void anErrorBeforeTheFirstByteIsAPlainJsonErrorEvenForAStream() {
        sim.enqueueChat(ChatBehaviour.quotaExceeded429());

        HttpResponse<String> response = gateway.postStream("/v1/responses",
                "{\"model\":\"coder-model\",\"input\":\"x\",\"stream\":true}");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThat(GatewayClient.parse(response.body()).path("error").path("code").asString())
                .isEqualTo("insufficient_quota");
    }

    @Test
    void aStreamCutAfterTheFirstByteEndsWithResponseFailed() {
        sim.enqueueChat(ChatBehaviour.streamCut(2));

        NamedSseEvents events = stream("{\"model\":\"coder-model\",\"input\":\"cut me\",\"stream\":true}");

        assertThat(events.types()).startsWith("response.created").endsWith("response.failed");
        JsonNode response = events.last().path("response");
        assertThat(response.path("status").asString()).isEqualTo("failed");
        assertThat(response.path("error").path("code").asString()).isEqualTo("server_error");
        assertThat(response.path("error").path("message").asString()).isNotEmpty();
    }

    @Test
    void aClientThatLeavesAStreamCancelsTheUpstreamRequest() throws Exception {
        sim.enqueueChat(ChatBehaviour.slowStream(200, Duration.ofMillis(20)));
        int cancelledBefore = sim.cancelledStreams();

        HttpRequest request = gateway.request("/v1/responses").header("Content-Type", "application/json")
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"coder-model\",\"input\":\"long\",\"stream\":true}"))
                .build();
        HttpResponse<InputStream> response = gateway.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(200)).isNotEmpty();
        }

        assertThat(sim.awaitCancelledStreams(cancelledBefore + 1, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void whatTheGatewayCannotHonourIsA400NamingTheParam() {
        HttpResponse<String> response = gateway.postJson("/v1/responses",
                "{\"model\":\"coder-model\",\"input\":\"x\",\"background\":true}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.parse(response.body()).path("error").path("param").asString()).isEqualTo("background");
    }
}
