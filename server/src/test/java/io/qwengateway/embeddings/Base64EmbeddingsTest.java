package io.qwengateway.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class Base64EmbeddingsTest {

    private static final JsonMapper JSON = new JsonMapper();

    private static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] floats = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(floats);
        return floats;
    }

    @Test
    void theBytesAreLittleEndianFloat32WithoutHeader() {
        // 1.0f is 0x3F800000: little-endian 00 00 80 3F; -2.0f is 0xC0000000: 00 00 00 C0.
        assertThat(Base64.getDecoder().decode(Base64Embeddings.encode(JSON.readTree("[1.0, -2]"))))
                .containsExactly(0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0);
    }

    @Test
    void theEncodedVectorDecodesBackToTheSameFloats() {
        JsonNode vector = JSON.readTree("[0.1, -0.0123456789, 3.4028235E38, 1.4E-45, 0, -1, 0.333333333333]");

        float[] decoded = decode(Base64Embeddings.encode(vector));

        assertThat(decoded).containsExactly(0.1f, -0.0123456789f, Float.MAX_VALUE, Float.MIN_VALUE, 0f, -1f, 0.333333333333f);
    }

    @Test
    void everyFloatEmbeddingOfAnAnswerIsReplacedAndTheRestKept() {
        ObjectNode answer = (ObjectNode) JSON.readTree("""
                {"object":"list","model":"text-embedding-v4","usage":{"prompt_tokens":2,"total_tokens":2},
                 "data":[{"object":"embedding","index":0,"embedding":[1.0]},
                         {"object":"embedding","index":1,"embedding":[0.5,0.25]},
                         {"object":"embedding","index":2,"embedding":"AACAPw=="}]}""");

        Base64Embeddings.encodeInPlace(answer);

        assertThat(answer.at("/data/0/embedding").asString()).isEqualTo("AACAPw==");
        assertThat(decode(answer.at("/data/1/embedding").asString())).containsExactly(0.5f, 0.25f);
        assertThat(answer.at("/data/2/embedding").asString()).isEqualTo("AACAPw==");
        assertThat(answer.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(answer.get("usage")).isEqualTo(JSON.readTree("{\"prompt_tokens\":2,\"total_tokens\":2}"));
    }

    @Test
    void anEmptyVectorIsAnEmptyString() {
        assertThat(Base64Embeddings.encode(JSON.readTree("[]"))).isEmpty();
    }
}
