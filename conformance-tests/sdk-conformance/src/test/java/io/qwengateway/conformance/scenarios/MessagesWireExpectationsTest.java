package io.qwengateway.conformance.scenarios;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.qwengateway.conformance.harness.Json;
import io.qwengateway.conformance.recording.RecordedCall;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Messages replay checks: each accepts Anthropic's event grammar and rejects the defect it exists for.
 * JSON is written with single quotes here, for readability.
 */
class MessagesWireExpectationsTest {

    private static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";
    private static final RecordedCall WEATHER = post("{'model':'m','max_tokens':9,'stream':true,"
            + "'messages':[{'role':'user','content':'Weather?'}],'tools':[{'name':'get_weather','input_schema':{}}]}");
    private static final String START = "{'type':'message_start','message':{'id':'msg_1','type':'message',"
            + "'role':'assistant','model':'m','content':[],'stop_reason':null,'stop_sequence':null,"
            + "'usage':{'input_tokens':3,'output_tokens':0}}}";
    private static final String END_TURN = "{'type':'message_delta','delta':{'stop_reason':'end_turn',"
            + "'stop_sequence':null},'usage':{'output_tokens':2}}";
    private static final String STOP = "{'type':'message_stop'}";

    private static List<String> textEvents() {
        return List.of(START, "{'type':'ping'}",
                "{'type':'content_block_start','index':0,'content_block':{'type':'text','text':''}}",
                "{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':'Hi'}}",
                "{'type':'content_block_delta','index':0,'delta':{'type':'text_delta','text':' there'}}",
                "{'type':'content_block_stop','index':0}", END_TURN, STOP);
    }

    private static List<String> toolEvents() {
        return List.of(START,
                "{'type':'content_block_start','index':0,'content_block':{'type':'tool_use','id':'toolu_1',"
                        + "'name':'get_weather','input':{}}}",
                "{'type':'content_block_delta','index':0,'delta':{'type':'input_json_delta','partial_json':'{\\'city'}}",
                "{'type':'content_block_delta','index':0,'delta':{'type':'input_json_delta','partial_json':'\\':\\'Paris\\'}'}}",
                "{'type':'content_block_stop','index':0}",
                "{'type':'message_delta','delta':{'stop_reason':'tool_use','stop_sequence':null},'usage':{'output_tokens':2}}",
                STOP);
    }

    @Test
    void textStreamAcceptsTheOfficialEventSequence() {
        assertThatCode(() -> MessagesWireExpectations.textStream().check(WEATHER, stream(textEvents())))
                .doesNotThrowAnyException();
    }

    @Test
    void toolUseStreamAcceptsInputJsonDeltasThatMakeAnObject() {
        assertThatCode(() -> MessagesWireExpectations.toolUseStream("get_weather").check(WEATHER, stream(toolEvents())))
                .doesNotThrowAnyException();
    }

    @Test
    void toolUseStreamRejectsInputJsonThatIsNoObjectOrAToolTheRequestDidNotOffer() {
        List<String> broken = new ArrayList<>(toolEvents());
        broken.remove(3);
        String unoffered = stream(toolEvents()).body().replace("get_weather", "rm_rf");

        assertRejected(MessagesWireExpectations.toolUseStream(), stream(broken));
        assertRejected(MessagesWireExpectations.toolUseStream(), CannedResponse.of(200, EVENT_STREAM, unoffered)
                .with("request-id", "req_1"));
    }

    @Test
    void textStreamRejectsDataOnlyEventsAndNamesThatAreNotTheType() {
        String dataOnly = stream(textEvents()).body().replaceAll("event: [^\n]*\n", "");
        String misnamed = stream(textEvents()).body().replace("event: ping\n", "event: message\n");

        assertRejected(MessagesWireExpectations.textStream(), canned(dataOnly));
        assertRejected(MessagesWireExpectations.textStream(), canned(misnamed));
    }

    @Test
    void textStreamRejectsAStreamThatDoesNotStartWithMessageStartOrEndWithMessageStop() {
        assertRejected(MessagesWireExpectations.textStream(), stream(textEvents().subList(1, textEvents().size())));
        assertRejected(MessagesWireExpectations.textStream(), stream(textEvents().subList(0, textEvents().size() - 1)));
    }

    @Test
    void textStreamRejectsDeltasOutsideTheirBlockAndBlocksNeverOrTwiceStopped() {
        List<String> deltaBeforeStart = new ArrayList<>(textEvents());
        deltaBeforeStart.add(2, deltaBeforeStart.remove(3));
        List<String> neverStopped = new ArrayList<>(textEvents());
        neverStopped.remove(5);
        List<String> stoppedTwice = new ArrayList<>(textEvents());
        stoppedTwice.add(5, "{'type':'content_block_stop','index':0}");
        List<String> wrongIndex = new ArrayList<>(textEvents());
        wrongIndex.set(2, "{'type':'content_block_start','index':1,'content_block':{'type':'text','text':''}}");

        assertRejected(MessagesWireExpectations.textStream(), stream(deltaBeforeStart));
        assertRejected(MessagesWireExpectations.textStream(), stream(neverStopped));
        assertRejected(MessagesWireExpectations.textStream(), stream(stoppedTwice));
        assertRejected(MessagesWireExpectations.textStream(), stream(wrongIndex));
    }

    @Test
    void textStreamRejectsTextInTheBlockStartThatTheDeltasWouldRepeat() {
        List<String> events = new ArrayList<>(textEvents());
        events.set(2, "{'type':'content_block_start','index':0,'content_block':{'type':'text','text':'Hi'}}");

        assertRejected(MessagesWireExpectations.textStream(), stream(events));
    }

    @Test
    void textStreamRejectsAMissingRequestIdAndACompressedStream() {
        assertRejected(MessagesWireExpectations.textStream(), stream(textEvents()).without("request-id"));
        assertRejected(MessagesWireExpectations.textStream(), stream(textEvents()).with("content-encoding", "gzip"));
    }

    @Test
    void failedStreamNeedsTheErrorEventLastAndNoMessageStop() {
        List<String> failed = new ArrayList<>(textEvents().subList(0, 4));
        failed.add("{'type':'error','error':{'type':'api_error','message':'The Qwen stream failed'}}");
        List<String> stoppedAfterError = new ArrayList<>(failed);
        stoppedAfterError.add(STOP);

        assertThatCode(() -> MessagesWireExpectations.failedStream("api_error").check(WEATHER, stream(failed)))
                .doesNotThrowAnyException();
        assertRejected(MessagesWireExpectations.failedStream("api_error"), stream(stoppedAfterError));
        assertRejected(MessagesWireExpectations.failedStream("api_error"), stream(textEvents()));
        assertRejected(MessagesWireExpectations.failedStream("overloaded_error"), stream(failed));
    }

    @Test
    void errorNeedsJsonInAnthropicsEnvelopeAndFinalErrorTheNoRetryHeader() {
        String envelope = "{'type':'error','error':{'type':'rate_limit_error','message':'Quota'}}";
        CannedResponse quota = json(429, envelope);

        assertThatCode(() -> MessagesWireExpectations.error(429, "rate_limit_error").check(WEATHER, quota))
                .doesNotThrowAnyException();
        assertRejected(MessagesWireExpectations.error(429, "rate_limit_error"),
                json(429, "{'error':{'type':'rate_limit_error','message':'Quota','code':null}}"));
        assertRejected(MessagesWireExpectations.error(429, "rate_limit_error"),
                CannedResponse.of(429, "text/plain", envelope.replace('\'', '"')).with("request-id", "req_1"));
        assertRejected(MessagesWireExpectations.finalError(429, "rate_limit_error"), quota);
        assertThatCode(() -> MessagesWireExpectations.finalError(429, "rate_limit_error").check(WEATHER,
                quota.with("x-should-retry", "false"))).doesNotThrowAnyException();
    }

    @Test
    void modelListNeedsTheFieldsTheSdksRequire() {
        String model = "{'type':'model','id':'coder-model','display_name':'coder-model',"
                + "'created_at':'2025-01-01T00:00:00Z','lifecycle':'active'}";
        String list = "{'data':[" + model + "],'has_more':false,'first_id':'coder-model','last_id':'coder-model'}";

        assertThatCode(() -> MessagesWireExpectations.modelList().check(WEATHER, json(200, list)))
                .doesNotThrowAnyException();
        assertRejected(MessagesWireExpectations.modelList(), json(200, list.replace(",'lifecycle':'active'", "")));
        assertRejected(MessagesWireExpectations.modelList(), json(200, list.replace("2025-01-01T00:00:00Z", "1735689600")));
    }

    @Test
    void sendsBackAToolResultNeedsAResultForAToolUseOfTheConversation() {
        RecordedCall result = post("{'messages':[{'role':'user','content':'Weather?'},"
                + "{'role':'assistant','content':[{'type':'tool_use','id':'toolu_1','name':'get_weather','input':{}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_1','content':'22 C'}]}]}");
        RecordedCall orphan = post(result.body().replace("\"tool_use_id\":\"toolu_1\"", "\"tool_use_id\":\"toolu_2\""));

        assertThatCode(() -> MessagesWireExpectations.sendsBackAToolResult().check(result, null))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MessagesWireExpectations.sendsBackAToolResult().check(orphan, null))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> MessagesWireExpectations.sendsBackAToolResult().check(WEATHER, null))
                .isInstanceOf(AssertionError.class);
    }

    /** Each event named by its type, as Anthropic frames them. */
    private static CannedResponse stream(List<String> events) {
        StringBuilder body = new StringBuilder();
        for (String text : events) {
            ObjectNode event = (ObjectNode) Json.parse(text.replace('\'', '"'));
            body.append("event: ").append(event.path("type").asString()).append("\ndata: ")
                    .append(Json.MAPPER.writeValueAsString(event)).append("\n\n");
        }
        return canned(body.toString());
    }

    private static CannedResponse canned(String body) {
        return CannedResponse.of(200, EVENT_STREAM, body).with("request-id", "req_1");
    }

    private static CannedResponse json(int status, String body) {
        return CannedResponse.of(status, "application/json", body.replace('\'', '"')).with("request-id", "req_1");
    }

    private static void assertRejected(WireExpectation expectation, CannedResponse response) {
        assertThatThrownBy(() -> expectation.check(WEATHER, response)).isInstanceOf(AssertionError.class);
    }

    private static RecordedCall post(String body) {
        return new RecordedCall("POST", "/v1/messages", Map.of("content-type", "application/json"),
                body.replace('\'', '"'));
    }
}
