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
 * The Responses replay checks: each accepts the official event grammar and rejects the defect it exists for.
 * JSON is written with single quotes here, for readability.
 */
class ResponsesWireExpectationsTest {

    private static final String EVENT_STREAM = "text/event-stream;charset=UTF-8";
    private static final String USAGE = "{'input_tokens':3,'input_tokens_details':{'cached_tokens':0},"
            + "'output_tokens':2,'output_tokens_details':{'reasoning_tokens':0},'total_tokens':5}";
    private static final String MESSAGE_OPEN = "{'id':'msg_1','type':'message','status':'in_progress',"
            + "'content':[],'role':'assistant'}";
    private static final String MESSAGE_DONE = "{'id':'msg_1','type':'message','status':'completed',"
            + "'content':[{'type':'output_text','annotations':[],'text':'Hi there'}],'role':'assistant'}";
    private static final String AT = "'item_id':'msg_1','output_index':0,'content_index':0";
    private static final RecordedCall WEATHER = post("{'model':'m','stream':true,'input':'Weather?',"
            + "'tools':[{'type':'function','name':'get_weather','parameters':{}}]}");

    @Test
    void textStreamAcceptsTheOfficialEventSequence() {
        assertThatCode(() -> ResponsesWireExpectations.textStream().check(WEATHER, stream(textEvents())))
                .doesNotThrowAnyException();
    }

    @Test
    void textStreamRejectsDataOnlyEvents() {
        String body = stream(textEvents()).body().replaceAll("event: [^\n]*\n", "");

        assertRejected(ResponsesWireExpectations.textStream(), CannedResponse.of(200, EVENT_STREAM, body));
    }

    @Test
    void textStreamRejectsAnEventNameThatIsNotTheType() {
        String body = stream(textEvents()).body().replace("event: response.in_progress\n", "event: message\n");

        assertRejected(ResponsesWireExpectations.textStream(), CannedResponse.of(200, EVENT_STREAM, body));
    }

    @Test
    void textStreamRejectsSequenceNumbersThatDoNotStartAtZeroOrDoNotIncrease() {
        String fromOne = stream(textEvents()).body().replace("\"sequence_number\":0}", "\"sequence_number\":1}");
        String repeated = stream(textEvents()).body().replace("\"sequence_number\":3}", "\"sequence_number\":2}");

        assertRejected(ResponsesWireExpectations.textStream(), CannedResponse.of(200, EVENT_STREAM, fromOne));
        assertRejected(ResponsesWireExpectations.textStream(), CannedResponse.of(200, EVENT_STREAM, repeated));
    }

    @Test
    void textStreamRejectsAStreamWithoutItsTerminalEventOrWithEventsAfterIt() {
        List<String> cut = textEvents().subList(0, textEvents().size() - 1);
        List<String> after = new ArrayList<>(textEvents());
        after.add("{'type':'response.output_text.delta'," + AT + ",'delta':'!'}");

        assertRejected(ResponsesWireExpectations.textStream(), stream(cut));
        assertRejected(ResponsesWireExpectations.textStream(), stream(after));
    }

    @Test
    void textStreamRejectsADeltaForAnItemThatWasNeverAdded() {
        List<String> events = new ArrayList<>(textEvents());
        events.add(2, "{'type':'response.output_text.delta','item_id':'msg_0','output_index':0,'content_index':0,"
                + "'delta':'x'}");

        assertRejected(ResponsesWireExpectations.textStream(), stream(events));
    }

    @Test
    void textStreamRejectsADoneTextThatIsNotTheSumOfItsDeltas() {
        List<String> events = textEvents().stream().map(event -> event.replace("'text':'Hi there'}", "'text':'Hi'}")
                .replace("'delta':' there'", "'delta':' there!'")).toList();

        assertRejected(ResponsesWireExpectations.textStream(), stream(events));
    }

    @Test
    void textStreamRejectsAFinalOutputThatIsNotWhatTheItemEventsBuilt() {
        List<String> events = new ArrayList<>(textEvents());
        events.set(events.size() - 1, completed("[]"));

        assertRejected(ResponsesWireExpectations.textStream(), stream(events));
    }

    @Test
    void textStreamRejectsACompressedStream() {
        assertRejected(ResponsesWireExpectations.textStream(), stream(textEvents()).with("content-encoding", "gzip"));
    }

    @Test
    void failedStreamAcceptsAnOpenItemAndRequiresTheErrorCode() {
        List<String> events = new ArrayList<>(textEvents().subList(0, 5));
        events.add("{'type':'response.failed','response':" + response("failed", "[" + MESSAGE_OPEN + "]", "null")
                .replace("'error':null", "'error':{'code':'server_error','message':'stream timeout'}") + "}");

        assertThatCode(() -> ResponsesWireExpectations.failedStream("server_error").check(WEATHER, stream(events)))
                .doesNotThrowAnyException();
        assertRejected(ResponsesWireExpectations.failedStream("rate_limit_exceeded"), stream(events));
    }

    @Test
    void toolCallResponseRejectsACallToAFunctionTheRequestDidNotOffer() {
        String call = "{'id':'fc_1','type':'function_call','status':'completed','call_id':'call_1',"
                + "'name':'%s','arguments':'{}'}";

        assertThatCode(() -> ResponsesWireExpectations.toolCallResponse().check(WEATHER,
                json(response("completed", "[" + call.formatted("get_weather") + "]", USAGE))))
                .doesNotThrowAnyException();
        assertRejected(ResponsesWireExpectations.toolCallResponse(),
                json(response("completed", "[" + call.formatted("get_time") + "]", USAGE)));
    }

    @Test
    void textResponseRequiresTheAnnotationsOfItsTextPart() {
        assertThatCode(() -> ResponsesWireExpectations.textResponse().check(WEATHER,
                json(response("completed", "[" + MESSAGE_DONE + "]", USAGE)))).doesNotThrowAnyException();
        assertRejected(ResponsesWireExpectations.textResponse(),
                json(response("completed", "[" + MESSAGE_DONE.replace("'annotations':[],", "") + "]", USAGE)));
    }

    @Test
    void sendsBackAToolOutputRejectsAnOutputForACallTheInputDoesNotHold() {
        String input = "{'model':'m','input':[{'type':'function_call','call_id':'call_1','name':'f','arguments':'{}'},"
                + "{'type':'function_call_output','call_id':'%s','output':'hi'}]}";
        CannedResponse any = json("{}");

        assertThatCode(() -> ResponsesWireExpectations.sendsBackAToolOutput().check(post(input.formatted("call_1")),
                any)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ResponsesWireExpectations.sendsBackAToolOutput().check(post(input.formatted("call_2")),
                any)).isInstanceOf(AssertionError.class);
    }

    /** A message "Hi there" in two deltas, from response.created to response.completed. */
    private static List<String> textEvents() {
        return List.of(
                "{'type':'response.created','response':" + response("in_progress", "[]", "null") + "}",
                "{'type':'response.in_progress','response':" + response("in_progress", "[]", "null") + "}",
                "{'type':'response.output_item.added','output_index':0,'item':" + MESSAGE_OPEN + "}",
                "{'type':'response.content_part.added'," + AT + ",'part':{'type':'output_text','annotations':[],"
                        + "'text':''}}",
                "{'type':'response.output_text.delta'," + AT + ",'delta':'Hi'}",
                "{'type':'response.output_text.delta'," + AT + ",'delta':' there'}",
                "{'type':'response.output_text.done'," + AT + ",'text':'Hi there'}",
                "{'type':'response.content_part.done'," + AT + ",'part':{'type':'output_text','annotations':[],"
                        + "'text':'Hi there'}}",
                "{'type':'response.output_item.done','output_index':0,'item':" + MESSAGE_DONE + "}",
                completed("[" + MESSAGE_DONE + "]"));
    }

    private static String completed(String output) {
        return "{'type':'response.completed','response':" + response("completed", output, USAGE) + "}";
    }

    private static String response(String status, String output, String usage) {
        return "{'id':'resp_1','object':'response','created_at':1,'status':'" + status + "','error':null,"
                + "'model':'coder-model','output':" + output + ",'usage':" + usage + "}";
    }

    /** Each event named by its type and numbered from 0, as the gateway frames them. */
    private static CannedResponse stream(List<String> events) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = (ObjectNode) Json.parse(events.get(i).replace('\'', '"'));
            event.put("sequence_number", i);
            body.append("event: ").append(event.path("type").asString()).append("\ndata: ")
                    .append(Json.MAPPER.writeValueAsString(event)).append("\n\n");
        }
        return CannedResponse.of(200, EVENT_STREAM, body.toString());
    }

    private static CannedResponse json(String body) {
        return CannedResponse.of(200, "application/json", body.replace('\'', '"'));
    }

    private static void assertRejected(WireExpectation expectation, CannedResponse response) {
        assertThatThrownBy(() -> expectation.check(WEATHER, response)).isInstanceOf(AssertionError.class);
    }

    private static RecordedCall post(String body) {
        return new RecordedCall("POST", "/v1/responses", Map.of("content-type", "application/json"),
                body.replace('\'', '"'));
    }
}
