package io.qwengateway.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.SseFrame;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ChatStreamTranslatorTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final ApiException BOOM = ApiException.serverError(HttpStatus.BAD_GATEWAY, "upstream_error", "boom");

    private static ObjectNode chunk() {
        return (ObjectNode) JSON.readTree("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"error\"}}]}");
    }

    @Test
    void everyEventIsDataOnlyWithASpaceAfterTheColonByDefault() {
        ChatStreamTranslator translator = new ChatStreamTranslator(JSON, false, false);

        SseFrame chunk = translator.chunk(chunk()).get(0);
        SseFrame error = translator.fail(BOOM).get(0);

        assertThat(chunk.toText()).isEqualTo("data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"error\"}}]}\n\n");
        assertThat(error.toText()).isEqualTo(
                "data: {\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"param\":null,\"code\":\"upstream_error\"}}\n\n");
        assertThat(translator.complete().get(0).toText()).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void namedErrorEventsMarkOnlyTheErrorEvent() {
        ChatStreamTranslator translator = new ChatStreamTranslator(JSON, false, true);

        assertThat(translator.fail(BOOM).get(0).toText()).startsWith("event: error\ndata: {\"error\":");
        assertThat(translator.chunk(chunk()).get(0).event()).isNull();
        assertThat(translator.complete().get(0).toText()).isEqualTo("data: [DONE]\n\n");
    }

    @Test
    void dataThatIsNotJsonGoesOnAsQwenSentIt() {
        assertThat(new ChatStreamTranslator(JSON, false, false).opaque("not json").get(0).toText())
                .isEqualTo("data: not json\n\n");
    }
}
