package io.qwengateway.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class EmbeddingBatchesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void aBatchOverTheLimitIsSplitKeepingEveryOtherField() {
        ObjectNode request = json("{'model':'text-embedding-v4','dimensions':8,'input':['a','b','c','d','e']}");

        List<ObjectNode> parts = EmbeddingBatches.split(request, 2);

        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).path("input").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(parts.get(2).path("input").toString()).isEqualTo("[\"e\"]");
        assertThat(parts).allSatisfy(part -> assertThat(part.path("dimensions").asInt()).isEqualTo(8));
        assertThat(request.path("input")).as("the request itself is left as it was").hasSize(5);
    }

    @Test
    void oneInputIsNeverSplitWhateverItsLength() {
        ObjectNode tokens = json("{'model':'m','input':[1,2,3,4,5,6]}");
        ObjectNode text = json("{'model':'m','input':'one text'}");

        assertThat(EmbeddingBatches.split(tokens, 2)).containsExactly(tokens);
        assertThat(EmbeddingBatches.split(text, 2)).containsExactly(text);
    }

    @Test
    void theAnswersAreJoinedInOrderWithIndexesOverTheWholeBatchAndTheUsageSummed() {
        ObjectNode first = json("{'object':'list','model':'text-embedding-v4','data':[{'object':'embedding','index':0,"
                + "'embedding':[0.1]},{'object':'embedding','index':1,'embedding':[0.2]}],'usage':{'prompt_tokens':2,"
                + "'total_tokens':2}}");
        ObjectNode second = json("{'object':'list','model':'text-embedding-v4','data':[{'object':'embedding',"
                + "'index':0,'embedding':[0.3]}],'usage':{'prompt_tokens':1,'total_tokens':1}}");

        ObjectNode joined = EmbeddingBatches.join(List.of(first, second));

        assertThat(joined.path("data").valueStream().map(item -> item.path("index").asInt())).containsExactly(0, 1, 2);
        assertThat(joined.path("data").path(2).path("embedding").toString()).isEqualTo("[0.3]");
        assertThat(joined.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
        assertThat(joined.path("usage").path("total_tokens").asInt()).isEqualTo(3);
        assertThat(joined.path("model").asString()).isEqualTo("text-embedding-v4");
    }
}
