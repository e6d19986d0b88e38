package io.qwengateway.conformance.harness;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The suite's own JSON (Jackson 3, like the gateway); the SDKs bring their own Jackson 2 and never see this. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }
}
