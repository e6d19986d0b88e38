package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.qwengateway.protocol.SseFrame;
import io.qwengateway.protocol.chat.ChatStreamTranslator;
import io.qwengateway.upstream.UpstreamErrorClassifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StreamTranslatorTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final StreamingProperties PROPERTIES = new StreamingProperties(Duration.ofSeconds(15), Duration.ZERO,
            Duration.ZERO, true, 4, false);

    private static final String CONTENT = "{'id':'c1','object':'chat.completion.chunk','choices':[{'index':0,'delta':{'content':'Hi'},'finish_reason':null}]}";
    private static final String FINISH = "{'id':'c1','choices':[{'index':0,'delta':{},'finish_reason':'stop'}]}";
    private static final String USAGE = "{'id':'c1','choices':[],'usage':{'prompt_tokens':3,'completion_tokens':1,'total_tokens':4}}";

    private static ChatStream translator(boolean clientWantsUsage) {
        return new ChatStream(new StreamTranslator(JSON, new UpstreamErrorClassifier(JSON), PROPERTIES,
                new ChatStreamTranslator(JSON, clientWantsUsage, false)));
    }

    /** The translator seen by a Chat Completions client: the payloads of its data-only events. */
    private record ChatStream(StreamTranslator translator) {

        List<String> translate(SseEvent event) {
            return payloads(translator.translate(event));
        }

        List<String> endOfUpstream() {
            return payloads(translator.endOfUpstream());
        }

        List<String> upstreamFailed(IOException failure) {
            return payloads(translator.upstreamFailed(failure));
        }

        List<String> gatewayFailed(RuntimeException failure) {
            return payloads(translator.gatewayFailed(failure));
        }

        boolean ended() {
            return translator.ended();
        }

        private static List<String> payloads(List<SseFrame> frames) {
            assertThat(frames).allSatisfy(frame -> assertThat(frame.event()).as("chat events have no name").isNull());
            return frames.stream().map(SseFrame::data).toList();
        }
    }

    private static SseEvent data(String singleQuoted) {
        return new SseEvent(null, singleQuoted.replace('\'', '"'), List.of());
    }

    private static JsonNode json(String singleQuoted) {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    /** Everything sent to the client for these upstream data events, in order. */
    private static List<String> sent(ChatStream translator, String... dataEvents) {
        List<String> payloads = new ArrayList<>();
        for (String event : dataEvents) {
            payloads.addAll(translator.translate(data(event)));
        }
        return payloads;
    }

    /** What an {@code event:error} frame makes the translator send. */
    private static List<String> errorEvent(ChatStream translator, String data, String... comments) {
        return translator.translate(new SseEvent("error", data, List.of(comments)));
    }

    private static JsonNode only(List<String> payloads) {
        assertThat(payloads).hasSize(1);
        return JSON.readTree(payloads.get(0));
    }

    /** The {@code error} object of the one payload sent, after checking it is OpenAI's envelope and ends the stream. */
    private static JsonNode errorOf(ChatStream translator, List<String> payloads) {
        JsonNode body = only(payloads);
        assertThat(body.propertyNames()).containsExactly("error");
        assertThat(body.path("error").propertyNames()).containsExactlyInAnyOrder("message", "type", "param", "code");
        assertThat(translator.ended()).isTrue();
        assertThat(translator.translate(data(CONTENT))).isEmpty();
        assertThat(translator.endOfUpstream()).isEmpty();
        return body.path("error");
    }

    @Test
    void withoutTheClientAskingTheUsageChunkIsDroppedAndUsageKeysAreStripped() {
        ChatStream translator = translator(false);

        List<String> payloads = sent(translator,
                "{'id':'c1','choices':[{'index':0,'delta':{'content':'Hi'}}],'usage':null}",
                "{'id':'c1','choices':[{'index':0,'delta':{},'finish_reason':'stop'}],'usage':{'total_tokens':4}}",
                USAGE);

        assertThat(payloads).hasSize(2).allSatisfy(payload -> assertThat(JSON.readTree(payload).has("usage")).isFalse());
    }

    @Test
    void whenTheClientAskedEveryChunkCarriesUsageNullAndTheUsageChunkPasses() {
        List<String> payloads = sent(translator(true), CONTENT, FINISH, USAGE);

        assertThat(payloads).hasSize(3);
        assertThat(JSON.readTree(payloads.get(0)).get("usage").isNull()).isTrue();
        assertThat(JSON.readTree(payloads.get(1)).get("usage").isNull()).isTrue();
        assertThat(JSON.readTree(payloads.get(2))).isEqualTo(json(USAGE));
    }

    @Test
    void usageChunkWithoutAChoicesKeyIsDroppedForClientsThatDidNotAskAndGetsEmptyChoicesForThoseWhoDid() {
        String bareUsage = "{'id':'c1','usage':{'prompt_tokens':1,'completion_tokens':2,'total_tokens':3}}";

        assertThat(sent(translator(false), CONTENT, bareUsage)).hasSize(1);
        JsonNode usage = JSON.readTree(sent(translator(true), bareUsage).get(0));
        assertThat(usage.path("choices").isArray()).isTrue();
        assertThat(usage.path("choices").isEmpty()).isTrue();
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(3);
    }

    @Test
    void aFailureOfTheGatewayItselfEndsTheStreamWithAnInternalError() {
        ChatStream translator = translator(false);
        sent(translator, CONTENT);

        JsonNode error = JSON.readTree(translator.gatewayFailed(new IllegalStateException("bug")).get(0)).path("error");

        assertThat(error.path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("code").asString()).isEqualTo("internal_error");
        assertThat(translator.ended()).isTrue();
        assertThat(translator.endOfUpstream()).isEmpty();
    }

    @Test
    void anErrorNullKeyIsRemovedAndTheRestOfTheChunkKept() {
        JsonNode chunk = only(sent(translator(false),
                "{'id':'c1','error':null,'choices':[{'index':0,'delta':{'reasoning_content':'hmm','x_extra':1}}],'model':'coder-model'}"));

        assertThat(chunk).isEqualTo(json(
                "{'id':'c1','choices':[{'index':0,'delta':{'reasoning_content':'hmm','x_extra':1}}],'model':'coder-model'}"));
    }

    @Test
    void chunksAreSentCompactOnOneLine() {
        String payload = sent(translator(false), "{ 'id' : 'c1',\n  'object' : 'chat.completion.chunk', 'x' : 1 }").get(0);

        assertThat(payload).isEqualTo("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"x\":1}");
    }

    @Test
    void anErrorFinishBecomesOneOpenAiErrorThatEndsTheStream() {
        ChatStream translator = translator(false);
        String throttled = "{\\'code\\':\\'Throttling\\',\\'message\\':\\'Requests rate limit exceeded, please try again later.\\'}";

        List<String> payloads = sent(translator, CONTENT,
                "{'id':'c1','choices':[{'index':0,'delta':{'content':'" + throttled + "'},'finish_reason':'error_finish'}]}");

        JsonNode error = errorOf(translator, payloads.subList(1, payloads.size()));
        assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("message").asString()).contains("Requests rate limit exceeded");
    }

    @Test
    void anErrorEventWithHttpStatus429IsARateLimitError() {
        ChatStream translator = translator(false);

        List<String> payloads = errorEvent(translator,
                "{\"code\":\"Throttling\",\"message\":\"Too many requests in route\"}", "HTTP_STATUS/429");

        JsonNode error = errorOf(translator, payloads);
        assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(error.path("type").asString()).isEqualTo("requests");
        assertThat(error.path("message").asString()).contains("Too many requests in route");
    }

    @Test
    void anErrorEventAboutTheQuotaIsInsufficientQuota() {
        ChatStream translator = translator(false);

        List<String> payloads = errorEvent(translator,
                "{\"error\":{\"message\":\"Free allocated quota exceeded.\",\"code\":\"insufficient_quota\"}}",
                "HTTP_STATUS/429");

        assertThat(errorOf(translator, payloads).path("code").asString()).isEqualTo("insufficient_quota");
    }

    @Test
    void anErrorEventWithoutStatusIsJudgedByItsText() {
        ChatStream translator = translator(false);

        List<String> payloads = errorEvent(translator, "{\"message\":\"Throttling: slow down\"}");

        assertThat(errorOf(translator, payloads).path("code").asString()).isEqualTo("rate_limit_exceeded");
    }

    @Test
    void aTransientErrorEventIsABadGatewayServerError() {
        ChatStream translator = translator(false);

        List<String> payloads = errorEvent(translator, "stream timeout", "HTTP_STATUS/504");

        JsonNode error = errorOf(translator, payloads);
        assertThat(error.path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("code").asString()).isEqualTo("upstream_stream_error");
        assertThat(error.path("message").asString()).contains("504", "stream timeout");
    }

    @Test
    void aTopLevelErrorObjectEndsTheStreamWithItsMessage() {
        ChatStream translator = translator(false);

        List<String> payloads = sent(translator, "{'error':{'message':'Internal server error','code':'InternalError'}}");

        JsonNode error = errorOf(translator, payloads);
        assertThat(error.path("type").asString()).isEqualTo("server_error");
        assertThat(error.path("message").asString()).contains("Internal server error");
    }

    @Test
    void doneIsPassedOnAndEndsTheStream() {
        ChatStream translator = translator(false);

        assertThat(sent(translator, CONTENT, FINISH, " [DONE] ")).endsWith("[DONE]");

        assertThat(translator.ended()).isTrue();
        assertThat(translator.endOfUpstream()).isEmpty();
    }

    @Test
    void anEndWithoutFinishReasonIsAnErrorNeverASilentSuccess() {
        ChatStream translator = translator(false);
        sent(translator, CONTENT);

        JsonNode error = errorOf(translator, translator.endOfUpstream());

        assertThat(error.path("code").asString()).isEqualTo("upstream_stream_incomplete");
    }

    @Test
    void anEndAfterAFinishReasonIsCompletedWithDone() {
        ChatStream translator = translator(false);
        sent(translator, CONTENT, FINISH);

        assertThat(translator.endOfUpstream()).containsExactly("[DONE]");
        assertThat(translator.ended()).isTrue();
    }

    @Test
    void aCutConnectionIsAnErrorNamingTheCause() {
        ChatStream translator = translator(false);
        sent(translator, CONTENT);

        JsonNode error = errorOf(translator, translator.upstreamFailed(new SocketTimeoutException("Read timed out")));

        assertThat(error.path("code").asString()).isEqualTo("upstream_stream_interrupted");
        assertThat(error.path("message").asString()).contains("SocketTimeoutException", "Read timed out");
    }

    @Test
    void aFailureAfterTheEndSendsNothingMore() {
        ChatStream translator = translator(false);
        sent(translator, "[DONE]");

        assertThat(translator.upstreamFailed(new IOException("reset"))).isEmpty();
    }

    @Test
    void toolCallsWithCollidingIndexesGetDistinctIndexesAndIdsAndNamesOnlyOnce() {
        List<JsonNode> fragments = new ArrayList<>();
        for (String payload : sent(translator(false),
                "{'choices':[{'index':0,'delta':{'tool_calls':[{'index':0,'id':'call_a','type':'function','function':{'name':'read_file','arguments':''}}]}}]}",
                "{'choices':[{'index':0,'delta':{'tool_calls':[{'index':0,'function':{'name':'read_file','arguments':'{}'}}]}}]}",
                "{'choices':[{'index':0,'delta':{'tool_calls':[{'index':0,'id':'call_b','type':'function','function':{'name':'ls','arguments':'{}'}}]}}]}")) {
            fragments.add(JSON.readTree(payload).at("/choices/0/delta/tool_calls/0"));
        }

        assertThat(fragments).extracting(f -> f.path("index").asInt()).containsExactly(0, 0, 1);
        assertThat(fragments).extracting(f -> f.path("id").asString("-")).containsExactly("call_a", "-", "call_b");
        assertThat(fragments).extracting(f -> f.path("function").path("name").asString("-"))
                .containsExactly("read_file", "-", "ls");
    }

    @Test
    void stopAfterToolCallsBecomesToolCalls() {
        List<String> payloads = sent(translator(false),
                "{'choices':[{'index':0,'delta':{'tool_calls':[{'index':0,'id':'call_a','type':'function','function':{'name':'ls','arguments':'{}'}}]}}]}",
                FINISH);

        assertThat(JSON.readTree(payloads.get(1)).at("/choices/0/finish_reason").asString()).isEqualTo("tool_calls");
    }

    @Test
    void truncatedToolArgumentsEndWithLengthWhateverQwenSaid() {
        for (String reason : List.of("stop", "tool_calls")) {
            List<String> payloads = sent(translator(false),
                    "{'choices':[{'index':0,'delta':{'tool_calls':[{'index':0,'id':'call_a','type':'function','function':{'name':'ls','arguments':'{\\'path\\': \\'/tm'}}]}}]}",
                    "{'choices':[{'index':0,'delta':{},'finish_reason':'" + reason + "'}]}");

            assertThat(JSON.readTree(payloads.get(1)).at("/choices/0/finish_reason").asString()).as(reason).isEqualTo("length");
        }
    }

    @Test
    void stopWithoutToolCallsStaysStop() {
        assertThat(JSON.readTree(sent(translator(false), CONTENT, FINISH).get(1)).at("/choices/0/finish_reason").asString())
                .isEqualTo("stop");
    }

    @Test
    void cumulativeContentAndReasoningDeltasBecomeSuffixesEachOnItsOwn() {
        List<String> payloads = sent(translator(false),
                "{'choices':[{'index':0,'delta':{'reasoning_content':'Think'}}]}",
                "{'choices':[{'index':0,'delta':{'reasoning_content':'Thinking hard'}}]}",
                "{'choices':[{'index':0,'delta':{'content':'Hello'}}]}",
                "{'choices':[{'index':0,'delta':{'content':'Hello world'}}]}");

        assertThat(payloads).extracting(p -> JSON.readTree(p).at("/choices/0/delta"))
                .containsExactly(json("{'reasoning_content':'Think'}"), json("{'reasoning_content':'ing hard'}"),
                        json("{'content':'Hello'}"), json("{'content':' world'}"));
    }

    @Test
    void eachChoiceIsRepairedOnItsOwn() {
        List<String> payloads = sent(translator(false),
                "{'choices':[{'index':0,'delta':{'content':'Hello'}},{'index':1,'delta':{'content':'Other'}}]}",
                "{'choices':[{'index':0,'delta':{'content':'Hello world'}},{'index':1,'delta':{'content':' text'}}]}");

        JsonNode second = JSON.readTree(payloads.get(1));
        assertThat(second.at("/choices/0/delta/content").asString()).isEqualTo(" world");
        assertThat(second.at("/choices/1/delta/content").asString()).isEqualTo(" text");
    }

    @Test
    void dataThatIsNotAJsonObjectIsForwardedAsItIs() {
        ChatStream translator = translator(false);

        assertThat(sent(translator, "{not json", "[1,2]", "42")).containsExactly("{not json", "[1,2]", "42");
        assertThat(translator.ended()).isFalse();
    }

    @Test
    void anUpstreamKeepAliveSendsNothing() {
        assertThat(translator(false).translate(new SseEvent(null, null, List.of(" ping")))).isEmpty();
    }
}
