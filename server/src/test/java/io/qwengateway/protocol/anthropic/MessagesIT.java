package io.qwengateway.protocol.anthropic;

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

/** {@code /v1/messages} through the real gateway against the simulated Qwen, as Claude Code calls it. */
class MessagesIT extends GatewayIntegrationTest {

    private static final String GREETING = "Hello from the Qwen simulator. You said: ";

    private HttpResponse<String> post(String path, String body, boolean stream) {
        HttpRequest.Builder request = gateway.request(path)
                .header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .header("x-api-key", "any-key")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (stream) {
            request.header("Accept", "text/event-stream");
        }
        return gateway.send(request.build());
    }

    private JsonNode create(String body) {
        HttpResponse<String> response = post("/v1/messages", body, false);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return GatewayClient.parse(response.body());
    }

    private NamedSseEvents stream(String body) {
        HttpResponse<String> response = post("/v1/messages?beta=true", body, true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        return NamedSseEvents.of(response.body());
    }

    private JsonNode lastUpstreamRequest() {
        List<RecordedRequest> requests = sim.recordedRequests("/v1/chat/completions");
        return GatewayClient.parse(requests.get(requests.size() - 1).body());
    }

    @Test
    void aTextAnswerIsAMessageAndAClaudeModelNameReachesTheCodingModel() {
        JsonNode message = create("""
                {"model":"claude-sonnet-4-5-20250929","max_tokens":256,"system":"Be brief.",
                 "messages":[{"role":"user","content":"Hi there"}]}""");

        assertThat(message.path("id").asString()).startsWith("msg_");
        assertThat(message.path("type").asString()).isEqualTo("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("model").asString()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(message.path("content").get(0).path("text").asString()).isEqualTo(GREETING + "Hi there");
        assertThat(message.path("stop_reason").asString()).isEqualTo("end_turn");
        assertThat(message.path("usage").path("input_tokens").asInt()).isPositive();
        assertThat(message.path("usage").path("output_tokens").asInt()).isPositive();
        JsonNode upstream = lastUpstreamRequest();
        assertThat(upstream.path("model").asString()).isEqualTo("coder-model");
        assertThat(upstream.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(upstream.path("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void aStreamIsAnthropicsNamedEventSequence() {
        NamedSseEvents events = stream("""
                {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,
                 "messages":[{"role":"user","content":"Stream me"}]}""");

        assertThat(events.events()).allSatisfy(event ->
                assertThat(event.name()).isEqualTo(event.data().path("type").asString()));
        assertThat(events.types()).startsWith("message_start", "ping", "content_block_start", "content_block_delta");
        assertThat(events.types()).endsWith("content_block_stop", "message_delta", "message_stop");
        StringBuilder text = new StringBuilder();
        events.events().stream().filter(e -> e.data().path("delta").path("type").asString("").equals("text_delta"))
                .forEach(e -> text.append(e.data().path("delta").path("text").asString()));
        assertThat(text.toString()).isEqualTo(GREETING + "Stream me");
        JsonNode messageDelta = events.events().get(events.events().size() - 2).data();
        assertThat(messageDelta.path("usage").path("output_tokens").asInt()).isPositive();
    }

    @Test
    void aToolRoundTripLooksLikeClaudeCodesBashTurn() {
        String tools = """
                "tools":[{"name":"Bash","description":"Run a command","input_schema":{"type":"object",
                  "properties":{"command":{"type":"string"}},"required":["command"]}}]""";
        JsonNode first = create("""
                {"model":"claude-sonnet-4-5","max_tokens":256,%s,"messages":[{"role":"user","content":"List files"}]}"""
                .formatted(tools));

        JsonNode toolUse = first.path("content").get(0);
        assertThat(first.path("stop_reason").asString()).isEqualTo("tool_use");
        assertThat(toolUse.path("type").asString()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asString()).startsWith("toolu_");
        assertThat(toolUse.path("name").asString()).isEqualTo("Bash");
        assertThat(toolUse.path("input").has("command")).isTrue();

        JsonNode second = create("""
                {"model":"claude-sonnet-4-5","max_tokens":256,%s,"messages":[
                  {"role":"user","content":"List files"},
                  {"role":"assistant","content":[%s]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"%s","content":"README.md"}]}]}"""
                .formatted(tools, toolUse.toString(), toolUse.path("id").asString()));

        assertThat(second.path("content").get(0).path("text").asString()).isEqualTo("Tool result received: README.md");
        JsonNode messages = lastUpstreamRequest().path("messages");
        assertThat(messages.get(1).path("tool_calls").get(0).path("id").asString())
                .isEqualTo(toolUse.path("id").asString());
        assertThat(messages.get(2).path("role").asString()).isEqualTo("tool");
    }

    @Test
    void thinkingComesBackAsAThinkingBlock() {
        sim.enqueueChat(ChatBehaviour.reasoning());

        JsonNode message = create("""
                {"model":"claude-opus-4-1","max_tokens":256,"thinking":{"type":"enabled","budget_tokens":1024},
                 "messages":[{"role":"user","content":"Think"}]}""");

        assertThat(message.path("content").get(0).path("type").asString()).isEqualTo("thinking");
        assertThat(message.path("content").get(0).path("thinking").asString()).startsWith("Thinking about: ");
        assertThat(message.path("content").get(0).path("signature").asString()).isNotEmpty();
        assertThat(lastUpstreamRequest().path("enable_thinking").asBoolean()).isTrue();
        assertThat(lastUpstreamRequest().path("thinking_budget").asInt()).isEqualTo(1024);
    }

    @Test
    void aStopSequenceCutsTheAnswerAndIsNamed() {
        JsonNode message = create("""
                {"model":"claude-sonnet-4-5","max_tokens":256,"stop_sequences":["simulator"],
                 "messages":[{"role":"user","content":"x"}]}""");

        assertThat(message.path("content").get(0).path("text").asString()).isEqualTo("Hello from the Qwen ");
        assertThat(message.path("stop_reason").asString()).isEqualTo("stop_sequence");
        assertThat(message.path("stop_sequence").asString()).isEqualTo("simulator");
    }

    @Test
    void aStreamedStopSequenceEndsTheStreamAndCancelsTheUpstream() {
        sim.enqueueChat(ChatBehaviour.slowStream(100, Duration.ofMillis(10)));
        int cancelledBefore = sim.cancelledStreams();

        NamedSseEvents events = stream("""
                {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"stop_sequences":["simulator"],
                 "messages":[{"role":"user","content":"x"}]}""");

        assertThat(events.types()).endsWith("message_delta", "message_stop");
        assertThat(events.events().get(events.events().size() - 2).data().path("delta").path("stop_sequence")
                .asString()).isEqualTo("simulator");
        assertThat(sim.awaitCancelledStreams(cancelledBefore + 1, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aStreamCutAfterTheFirstByteEndsWithAnErrorEvent() {
        sim.enqueueChat(ChatBehaviour.streamCut(2));

        NamedSseEvents events = stream("""
                {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"x"}]}""");

        assertThat(events.types()).startsWith("message_start").endsWith("error");
        assertThat(events.last().path("error").path("type").asString()).isEqualTo("api_error");
    }

    @Test
    void aClientThatLeavesCancelsTheUpstreamRequest() throws Exception {
        sim.enqueueChat(ChatBehaviour.slowStream(200, Duration.ofMillis(20)));
        int cancelledBefore = sim.cancelledStreams();

        HttpRequest request = gateway.request("/v1/messages").header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"claude-sonnet-4-5","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"long"}]}"""))
                .build();
        HttpResponse<InputStream> response = gateway.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(body.readNBytes(200)).isNotEmpty();
        }

        assertThat(sim.awaitCancelledStreams(cancelledBefore + 1, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void countTokensEstimatesWithoutCallingQwen() {
        int before = sim.chatRequestCount();

        HttpResponse<String> response = post("/v1/messages/count_tokens", """
                {"model":"claude-sonnet-4-5","messages":[{"role":"user","content":"How many tokens is this sentence?"}]}""",
                false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.parse(response.body()).path("input_tokens").asInt()).isBetween(5, 30);
        assertThat(sim.chatRequestCount()).isEqualTo(before);
    }

    @Test
    void modelsAreListedInAnthropicsShapeForAnthropicClients() {
        HttpResponse<String> response = gateway.send(gateway.request("/v1/models")
                .header("anthropic-version", "2023-06-01").GET().build());

        JsonNode list = GatewayClient.parse(response.body());
        assertThat(list.has("object")).isFalse();
        assertThat(list.path("data").get(0).path("type").asString()).isEqualTo("model");
        assertThat(list.path("data").get(0).path("display_name").isString()).isTrue();
        assertThat(list.path("data").get(0).path("lifecycle").asString()).isEqualTo("active");
        assertThat(list.path("has_more").asBoolean(true)).isFalse();
        assertThat(GatewayClient.parse(gateway.get("/v1/models").body()).path("object").asString()).isEqualTo("list");
    }

    private static JsonNode anthropicError(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("request-id")).isPresent();
        JsonNode body = GatewayClient.parse(response.body());
        assertThat(body.path("type").asString()).isEqualTo("error");
        assertThat(body.path("error").propertyNames()).contains("type", "message");
        return body.path("error");
    }

    @Test
    void aRequestWithoutMaxTokensIsAnAnthropicInvalidRequestError() {
        HttpResponse<String> response = post("/v1/messages",
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", false);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = anthropicError(response);
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").asString()).contains("max_tokens");
    }

    @Test
    void aSpentQuotaBeforeTheFirstByteIsARateLimitErrorEvenForAStream() {
        sim.enqueueChat(ChatBehaviour.quotaExceeded429());

        HttpResponse<String> response = post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"x"}]}""",
                true);

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(anthropicError(response).path("type").asString()).isEqualTo("rate_limit_error");
        assertThat(response.headers().firstValue("x-should-retry")).as("no SDK resends a spent quota").contains("false");
    }

    @Test
    void anUnavailableUpstreamIsOverloaded529() {
        sim.enqueueChat(ChatBehaviour.serviceUnavailable503(), ChatBehaviour.serviceUnavailable503(),
                ChatBehaviour.serviceUnavailable503());

        HttpResponse<String> response = post("/v1/messages", """
                {"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"x"}]}""", false);

        assertThat(response.statusCode()).isEqualTo(529);
        assertThat(anthropicError(response).path("type").asString()).isEqualTo("overloaded_error");
        assertThat(response.headers().firstValue("x-should-retry")).as("the SDKs may resend this one").isEmpty();
    }

    @Test
    void anUnknownMessagesRouteIsAnAnthropicNotFound() {
        HttpResponse<String> response = post("/v1/messages/batches", "{}", false);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(anthropicError(response).path("type").asString()).isEqualTo("not_found_error");
    }

    @Test
    void openAiClientsKeepOpenAisEnvelope() {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", "{\"model\":\"coder-model\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.parse(response.body()).path("error").path("type").asString())
                .isEqualTo("invalid_request_error");
        assertThat(response.headers().firstValue("request-id")).isEmpty();
    }
}
