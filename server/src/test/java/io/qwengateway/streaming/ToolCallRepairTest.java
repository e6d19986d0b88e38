package io.qwengateway.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

class ToolCallRepairTest {

    private static final JsonMapper JSON = new JsonMapper();

    private final ToolCallRepair repair = new ToolCallRepair(JSON);

    /** One delta's tool_calls, written with single quotes, after the repair. */
    private ArrayNode repaired(String singleQuoted) {
        ArrayNode calls = (ArrayNode) JSON.readTree(singleQuoted.replace('\'', '"'));
        repair.repair(calls);
        return calls;
    }

    private static JsonNode json(String singleQuoted) {
        return JSON.readTree(singleQuoted.replace('\'', '"'));
    }

    @Test
    void laterFragmentsCarryOnlyTheIndexAndTheArguments() {
        ArrayNode first = repaired("[{'index':0,'id':'call_a','type':'function','function':{'name':'read_file','arguments':''}}]");
        ArrayNode second = repaired("[{'index':0,'id':'call_a','type':'function','function':{'name':'read_file','arguments':'{\\'p\\':1}'}}]");

        assertThat(first).isEqualTo(json("[{'index':0,'id':'call_a','type':'function','function':{'name':'read_file','arguments':''}}]"));
        assertThat(second).isEqualTo(json("[{'index':0,'function':{'arguments':'{\\'p\\':1}'}}]"));
    }

    @Test
    void callsWithCollidingIndexesGetIndexesOfTheirOwn() {
        ArrayNode both = repaired("""
                [{'index':0,'id':'call_a','function':{'name':'read_file','arguments':''}},
                 {'index':0,'id':'call_b','function':{'name':'write_file','arguments':''}}]""");
        ArrayNode later = repaired("[{'index':0,'function':{'arguments':'{}'}}]");

        assertThat(both.findValuesAsString("id")).containsExactly("call_a", "call_b");
        assertThat(List.of(both.get(0).path("index").asInt(), both.get(1).path("index").asInt())).containsExactly(0, 1);
        assertThat(later.get(0).path("index").asInt()).as("an id-less fragment follows the latest call at its index")
                .isEqualTo(1);
    }

    @Test
    void aCallWithoutIdGetsOneAndTheFirstFragmentIsCompleted() {
        JsonNode first = repaired("[{'index':0,'function':{'name':'ls'}}]").get(0);
        JsonNode second = repaired("[{'index':0,'function':{'arguments':'{}'}}]").get(0);

        assertThat(first.path("id").asString()).startsWith("call_").hasSizeGreaterThan(10);
        assertThat(first.path("type").asString()).isEqualTo("function");
        assertThat(first.path("function").path("arguments").asString()).isEmpty();
        assertThat(second.has("id")).isFalse();
        assertThat(second.path("index").asInt()).isEqualTo(0);
    }

    @Test
    void twoIdLessCallsAtDifferentIndexesStayApartWithDistinctIds() {
        ArrayNode calls = repaired("[{'index':0,'function':{'name':'a'}},{'index':1,'function':{'name':'b'}}]");

        assertThat(calls.findValuesAsString("id")).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void argumentsThatAreNotCompleteJsonMeanATruncatedCall() {
        repaired("[{'index':0,'id':'call_a','function':{'name':'a','arguments':'{\\'x\\':'}}]");

        assertThat(repair.any()).isTrue();
        assertThat(repair.anyTruncated()).isTrue();
    }

    @Test
    void argumentsSplitOverFragmentsAreJudgedWhole() {
        repaired("[{'index':0,'id':'call_a','function':{'name':'a','arguments':'{\\'x\\':'}}]");
        repaired("[{'index':0,'function':{'arguments':'1}'}}]");
        repaired("[{'index':1,'id':'call_b','function':{'name':'b','arguments':''}}]");

        assertThat(repair.anyTruncated()).isFalse();
    }

    @Test
    void noToolCallsMeansNothingToRepair() {
        assertThat(repair.any()).isFalse();
        assertThat(repair.anyTruncated()).isFalse();
    }
}
