package io.qwengateway.provider.qwen.transform;

import static io.qwengateway.provider.qwen.transform.ChatCalls.applied;
import static io.qwengateway.provider.qwen.transform.ChatCalls.call;
import static io.qwengateway.provider.qwen.transform.ChatCalls.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.qwengateway.pipeline.ChatCall;

class StreamUsageRequesterTest {

    private final StreamUsageRequester requester = new StreamUsageRequester();

    @Test
    void streamsAskForUsage() {
        assertThat(applied(requester, "{'stream': true}"))
                .isEqualTo(json("{'stream': true, 'stream_options': {'include_usage': true}}"));
    }

    @Test
    void otherStreamOptionsAreKeptAndTheClientsNoIsOverridden() {
        assertThat(applied(requester, "{'stream': true, 'stream_options': {'include_usage': false, 'include_obfuscation': false}}"))
                .isEqualTo(json("{'stream': true, 'stream_options': {'include_usage': true, 'include_obfuscation': false}}"));
    }

    @Test
    void askingUpstreamDoesNotMakeTheClientGetTheUsageChunk() {
        ChatCall call = call("{'stream': true}");

        requester.apply(call);

        assertThat(call.clientWantsUsage()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'stream': false}", "{'model': 'm'}", "{'stream': false, 'stream_options': {'include_usage': false}}"})
    void nonStreamsAreLeftAlone(String body) {
        assertThat(applied(requester, body)).isEqualTo(json(body));
    }
}
