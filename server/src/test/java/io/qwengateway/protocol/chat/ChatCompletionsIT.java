package io.qwengateway.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.RecordedRequest;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import io.qwengateway.support.SseFrames;
import tools.jackson.databind.JsonNode;

/** Chat completions through the real gateway against the simulated Qwen: round trips and what goes upstream. */
@ExtendWith(OutputCaptureExtension.class)
class ChatCompletionsIT extends GatewayIntegrationTest {

    private static final String HELLO = """
            {"model":"coder-model","messages":[{"role":"user","content":"Hello 你好"}]}""";

    @Test
    void nonStreamingAnswerIsPassedThroughAsJsonWithARequestId() {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", HELLO);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("application/json");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        JsonNode body = GatewayClient.parse(response.body());
        assertThat(body.path("object").asString()).isEqualTo("chat.completion");
        assertThat(body.path("choices").path(0).path("message").path("content").asString())
                .isEqualTo("Hello from the Qwen simulator. You said: Hello 你好");
        assertThat(body.path("usage").path("total_tokens").asInt()).isPositive();
    }

    @Test
    void streamIsFramedExactlyAsOpenAiAndEndsWithDone() {
        HttpResponse<String> response = gateway.postStream("/v1/chat/completions", stream(HELLO));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        assertThat(response.headers().firstValue("cache-control").orElseThrow()).contains("no-cache");
        assertThat(response.headers().firstValue("x-request-id")).isPresent();
        assertThat(response.body()).startsWith("data: {").endsWith("data: [DONE]\n\n").doesNotContain("event:", "\nid:");
        SseFrames frames = SseFrames.of(response.body());
        assertThat(frames.frames()).allSatisfy(frame -> assertThat(frame).startsWith("data: "));
        assertThat(frames.chunks().get(0).path("choices").path(0).path("delta").path("role").asString())
                .isEqualTo("assistant");
        assertThat(frames.content()).isEqualTo("Hello from the Qwen simulator. You said: Hello 你好");
        assertThat(frames.last().path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(frames.chunks()).allSatisfy(chunk -> {
            assertThat(chunk.has("usage")).as("no usage key for a client that did not ask").isFalse();
            assertThat(chunk.path("choices").size()).isEqualTo(1);
        });
    }

    @Test
    void completedStreamIsClosedQuietlyWithoutAnErrorDispatch(CapturedOutput output) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(gateway.postStream("/v1/chat/completions", stream(HELLO)).body()).endsWith("data: [DONE]\n\n");
        }
        Thread.sleep(300); // Spring resumes the request after the stream completes, on a container thread.

        assertThat(output.getAll()).doesNotContain("No static resource").doesNotContain("Failure in @ExceptionHandler");
    }

    @Test
    void usageChunkGoesOnlyToClientsThatAskedForIt() {
        String request = """
                {"model":"coder-model","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"count me"}]}""";
        SseFrames frames = SseFrames.of(gateway.postStream("/v1/chat/completions", request).body());

        assertThat(frames.endsWithDone()).isTrue();
        JsonNode usageChunk = frames.last();
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isPositive();
        List<JsonNode> others = frames.chunks().subList(0, frames.chunks().size() - 1);
        assertThat(others).allSatisfy(chunk -> {
            assertThat(chunk.has("usage")).isTrue();
            assertThat(chunk.get("usage").isNull()).isTrue();
        });
        assertThat(lastChatRequest().jsonBody().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void streamWithoutIncludeUsageStillAsksQwenForUsageButHidesTheChunk() {
        SseFrames frames = SseFrames.of(gateway.postStream("/v1/chat/completions", stream(HELLO)).body());

        assertThat(frames.chunks()).noneMatch(chunk -> chunk.path("choices").isEmpty());
        assertThat(lastChatRequest().jsonBody().path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void reasoningContentIsKeptInStreamsAndInJsonAnswers() {
        sim.enqueueChat(ChatBehaviour.reasoning(), ChatBehaviour.reasoning());
        String request = """
                {"model":"coder-model","reasoning_effort":"high","messages":[{"role":"user","content":"think"}]}""";

        JsonNode answer = GatewayClient.parse(gateway.postJson("/v1/chat/completions", request).body());
        assertThat(answer.path("choices").path(0).path("message").path("reasoning_content").asString()).isNotEmpty();

        SseFrames frames = SseFrames.of(gateway.postStream("/v1/chat/completions", stream(request)).body());
        assertThat(frames.chunks()).anySatisfy(chunk -> assertThat(
                chunk.path("choices").path(0).path("delta").path("reasoning_content").asString()).isNotEmpty());
        JsonNode upstream = lastChatRequest().jsonBody();
        assertThat(upstream.path("reasoning_effort").asString()).isEqualTo("high");
        assertThat(upstream.path("enable_thinking").asBoolean()).isTrue();
        assertThat(upstream.path("thinking_budget").asInt()).isPositive();
    }

    @Test
    void toolCallStreamsReachTheClientAsOpenAiDeltas() {
        String request = """
                {"model":"coder-model","stream":true,"messages":[{"role":"user","content":"weather?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
                   "properties":{"city":{"type":"string"}},"required":["city"]}}}]}""";
        SseFrames frames = SseFrames.of(gateway.postStream("/v1/chat/completions", request).body());

        List<JsonNode> toolDeltas = toolCallFragments(frames);
        assertThat(toolDeltas.get(0).path("id").asString()).startsWith("call_");
        assertThat(toolDeltas.get(0).path("type").asString()).isEqualTo("function");
        assertThat(toolDeltas.get(0).path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(arguments(toolDeltas, 0)).isEqualTo("{\"city\":\"sample\"}");
        assertThat(finishReason(frames)).isEqualTo("tool_calls");
        assertThat(frames.endsWithDone()).isTrue();
    }

    @Test
    void toolCallQuirksAreRepairedIntoDistinctCallsWithIdsAndSingleNames() {
        sim.enqueueChat(ChatBehaviour.toolCallQuirks());
        SseFrames frames = SseFrames.of(gateway.postStream("/v1/chat/completions", stream(HELLO)).body());

        List<JsonNode> fragments = toolCallFragments(frames);
        List<JsonNode> firsts = fragments.stream().filter(f -> f.has("id")).toList();
        assertThat(firsts).hasSize(2);
        assertThat(firsts).extracting(f -> f.path("index").asInt()).containsExactly(0, 1);
        assertThat(firsts.get(0).path("id").asString()).isNotEqualTo(firsts.get(1).path("id").asString());
        for (int index = 0; index < 2; index++) {
            int call = index;
            long names = fragments.stream()
                    .filter(f -> f.path("index").asInt() == call && f.path("function").has("name")).count();
            assertThat(names).as("name sent once for call %d", call).isEqualTo(1);
            assertThat(GatewayClient.parse(arguments(fragments, call)).isObject()).isTrue();
        }
        assertThat(finishReason(frames)).isEqualTo("tool_calls");
    }

    @Test
    void truncatedToolCallArgumentsEndWithFinishReasonLength() {
        sim.enqueueChat(ChatBehaviour.truncatedToolCall());
        SseFrames frames = SseFrames.of(gateway.postStream("/v1/chat/completions", stream(HELLO)).body());

        assertThat(finishReason(frames)).isEqualTo("length");
    }

    @Test
    void cumulativeDeltasReachTheClientAsSuffixes() {
        sim.enqueueChat(ChatBehaviour.cumulativeDeltas());
        SseFrames frames = SseFrames.of(gateway.postStream("/v1/chat/completions", stream(HELLO)).body());

        assertThat(frames.content()).isEqualTo("Hello from the Qwen simulator. You said: Hello 你好");
    }

    @Test
    void everyFieldTheClientSentReachesQwenIncludingUnknownFieldsAndExplicitZeros() {
        String request = """
                {"model":"coder-model","messages":[{"role":"user","content":"hi"}],
                 "temperature":0,"top_p":0,"presence_penalty":0,"frequency_penalty":0.0,"seed":0,"n":1,
                 "max_tokens":0,"stop":null,"logit_bias":{"50256":-100},"user":"u-1",
                 "response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{"type":"object"}}},
                 "x_custom_field":{"nested":[1,2,3]},"top_k":0}""";
        gateway.postJson("/v1/chat/completions", request);

        JsonNode upstream = lastChatRequest().jsonBody();
        JsonNode sent = GatewayClient.parse(request);
        for (String field : List.of("temperature", "top_p", "presence_penalty", "frequency_penalty", "seed", "n",
                "max_tokens", "stop", "logit_bias", "user", "response_format", "x_custom_field", "top_k")) {
            assertThat(upstream.get(field)).as(field).isEqualTo(sent.get(field));
        }
        assertThat(upstream.has("stream")).as("no invented stream flag").isFalse();
        assertThat(upstream.has("tools")).isFalse();
    }

    @Test
    void qwenGetsTheCliHeaderProfileAndTheOAuthToken() {
        gateway.postJson("/v1/chat/completions", HELLO);

        RecordedRequest upstream = lastChatRequest();
        assertThat(upstream.header("authorization")).hasValue("Bearer " + credentials.accessToken());
        assertThat(upstream.header("user-agent").orElseThrow()).startsWith("QwenCode/");
        assertThat(upstream.header("x-dashscope-useragent").orElseThrow()).startsWith("QwenCode/");
        assertThat(upstream.header("x-dashscope-cachecontrol")).hasValue("enable");
        assertThat(upstream.header("x-dashscope-authtype")).hasValue("qwen-oauth");
        assertThat(upstream.header("x-stainless-lang")).hasValue("js");
    }

    @Test
    void qwenAdjustmentsAreAppliedToStreams() {
        String request = """
                {"model":"coder-model","stream":true,"messages":[
                   {"role":"system","content":"Be brief."},{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"a"}},{"type":"function","function":{"name":"b"}}]}""";
        gateway.postStream("/v1/chat/completions", request);

        JsonNode upstream = lastChatRequest().jsonBody();
        JsonNode system = upstream.path("messages").path(0);
        assertThat(system.path("content").path(0).path("text").asString()).isEqualTo("Be brief.");
        assertThat(system.path("content").path(0).path("cache_control").path("type").asString()).isEqualTo("ephemeral");
        assertThat(upstream.path("messages").path(1).path("content").path(0).path("cache_control").isObject()).isTrue();
        assertThat(upstream.path("tools").path(1).path("cache_control").path("type").asString()).isEqualTo("ephemeral");
        assertThat(upstream.path("tools").path(0).has("cache_control")).isFalse();
        assertThat(upstream.path("vl_high_resolution_images").asBoolean()).isTrue();
        assertThat(upstream.path("metadata").path("sessionId").asString()).isNotEmpty();
        assertThat(upstream.path("metadata").path("promptId").asString()).startsWith("req_");
    }

    @Test
    void modelAliasesAreResolvedBeforeTheUpstreamCall() {
        gateway.postJson("/v1/chat/completions", """
                {"model":"vision-model","messages":[{"role":"user","content":"hi"}]}""");

        assertThat(lastChatRequest().jsonBody().path("model").asString()).isEqualTo("coder-model");
    }

    @Test
    void imagePartsReachQwenUnchanged() {
        String image = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        String request = """
                {"model":"coder-model","messages":[{"role":"user","content":[
                  {"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"%s","detail":"high"}}]}]}"""
                .formatted(image);
        JsonNode answer = GatewayClient.parse(gateway.postJson("/v1/chat/completions", request).body());

        assertThat(answer.path("choices").path(0).path("message").path("content").asString()).contains("[1 image]");
        JsonNode part = lastChatRequest().jsonBody().path("messages").path(0).path("content").path(1);
        assertThat(part.path("image_url").path("url").asString()).isEqualTo(image);
        assertThat(part.path("image_url").path("detail").asString()).isEqualTo("high");
    }

    private static String stream(String request) {
        return request.replaceFirst("\\{", "{\"stream\":true,");
    }

    private static RecordedRequest lastChatRequest() {
        List<RecordedRequest> requests = sim.recordedRequests("/v1/chat/completions");
        return requests.get(requests.size() - 1);
    }

    private static List<JsonNode> toolCallFragments(SseFrames frames) {
        return frames.chunks().stream()
                .flatMap(chunk -> chunk.path("choices").path(0).path("delta").path("tool_calls").valueStream())
                .toList();
    }

    private static String arguments(List<JsonNode> fragments, int index) {
        StringBuilder arguments = new StringBuilder();
        fragments.stream().filter(f -> f.path("index").asInt() == index)
                .forEach(f -> arguments.append(f.path("function").path("arguments").asString("")));
        return arguments.toString();
    }

    private static String finishReason(SseFrames frames) {
        return frames.chunks().stream()
                .map(chunk -> chunk.path("choices").path(0).path("finish_reason"))
                .filter(JsonNode::isString).map(JsonNode::asString).reduce((a, b) -> b).orElse(null);
    }
}
