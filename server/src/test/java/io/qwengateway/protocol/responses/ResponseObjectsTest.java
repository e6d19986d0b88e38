package io.qwengateway.protocol.responses;

import static io.qwengateway.protocol.responses.ResponsesRequestTranslatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

class ResponseObjectsTest {

    @Test
    void aStringMessageIsListedAsOneInputTextPartWithAStatus() {
        ObjectNode listed = ResponseObjects.inputItemResource(json(
                "{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"user\",\"content\":\"Hi\"}"));

        assertThat(listed).isEqualTo(json("{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"Hi\"}],\"status\":\"completed\"}"));
    }

    @Test
    void anAssistantMessageIsListedWithOutputTextPartsAndTheirAnnotations() {
        ObjectNode fromString = ResponseObjects.inputItemResource(json(
                "{\"type\":\"message\",\"id\":\"msg_1\",\"role\":\"assistant\",\"content\":\"Done\"}"));
        ObjectNode fromParts = ResponseObjects.inputItemResource(json("{\"type\":\"message\",\"id\":\"msg_2\","
                + "\"role\":\"assistant\",\"status\":\"incomplete\","
                + "\"content\":[{\"type\":\"output_text\",\"text\":\"Do\"}]}"));

        assertThat(fromString.path("content")).isEqualTo(json(
                "{\"a\":[{\"type\":\"output_text\",\"text\":\"Done\",\"annotations\":[]}]}").path("a"));
        assertThat(fromParts.path("content").path(0).path("annotations").isArray()).isTrue();
        assertThat(fromParts.path("status").asString()).as("a status the client sent stays").isEqualTo("incomplete");
    }

    @Test
    void callsAndCallOutputsGetAStatusAndOtherItemsStayAsTheyAre() {
        ObjectNode output = json("{\"type\":\"function_call_output\",\"id\":\"item_1\",\"call_id\":\"c\","
                + "\"output\":\"22 C\"}");
        ObjectNode reasoning = json("{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[]}");

        assertThat(ResponseObjects.inputItemResource(output).path("status").asString()).isEqualTo("completed");
        assertThat(ResponseObjects.inputItemResource(reasoning)).isEqualTo(reasoning);
        assertThat(output.has("status")).as("the stored item is not changed").isFalse();
    }
}
