package io.qwengateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ChatCallTest {

    private static final JsonMapper JSON = new JsonMapper();

    @ParameterizedTest(name = "{0} -> streaming={1}, clientWantsUsage={2}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                            | false | false",
            "{\"stream\":false,\"stream_options\":{\"include_usage\":true}} | false | false",
            "{\"stream\":true}                                             | true  | false",
            "{\"stream\":true,\"stream_options\":{\"include_usage\":false}} | true  | false",
            "{\"stream\":true,\"stream_options\":{\"include_usage\":true}}  | true  | true",
            "{\"stream\":true,\"stream_options\":null}                      | true  | false"})
    void streamingAndTheUsageWishAreReadFromTheBody(String body, boolean streaming, boolean wantsUsage) {
        ChatCall call = ChatCall.of((ObjectNode) JSON.readTree(body), "coder-model", "req_1");

        assertThat(call.streaming()).isEqualTo(streaming);
        assertThat(call.clientWantsUsage()).isEqualTo(wantsUsage);
        assertThat(call.model()).isEqualTo("coder-model");
        assertThat(call.requestId()).isEqualTo("req_1");
    }
}
