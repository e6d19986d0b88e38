package io.qwengateway.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Splits an embeddings request with more inputs than one upstream call may carry, and joins the answers as if one
 * call had made them: the vectors in the order of the inputs, with their indexes counted over the whole batch, and
 * the usage summed.
 */
final class EmbeddingBatches {

    private EmbeddingBatches() {
    }

    /**
     * The requests to send: {@code request} itself when it has at most {@code max} inputs, else copies of it with
     * {@code max} inputs each (the last with the rest). A string, or an array of integers (one input as tokens), is
     * one input.
     */
    static List<ObjectNode> split(ObjectNode request, int max) {
        JsonNode input = request.get("input");
        if (!isBatch(input) || input.size() <= max) {
            return List.of(request);
        }
        List<ObjectNode> parts = new ArrayList<>();
        for (int start = 0; start < input.size(); start += max) {
            ObjectNode part = request.deepCopy();
            ArrayNode slice = part.putArray("input");
            for (int i = start; i < Math.min(start + max, input.size()); i++) {
                slice.add(input.get(i));
            }
            parts.add(part);
        }
        return parts;
    }

    /** One answer from the answers to the parts, in order. */
    static ObjectNode join(List<ObjectNode> answers) {
        ObjectNode joined = answers.get(0).deepCopy();
        ArrayNode data = joined.putArray("data");
        ObjectNode usage = joined.putObject("usage");
        int offset = 0;
        for (ObjectNode answer : answers) {
            int inPart = 0;
            for (JsonNode item : answer.path("data")) {
                ObjectNode copy = ((ObjectNode) item).deepCopy();
                copy.put("index", offset + item.path("index").asInt(inPart));
                data.add(copy);
                inPart++;
            }
            offset += inPart;
            for (Map.Entry<String, JsonNode> count : answer.path("usage").properties()) {
                if (count.getValue().isIntegralNumber()) {
                    usage.put(count.getKey(), usage.path(count.getKey()).asLong(0) + count.getValue().asLong());
                }
            }
        }
        return joined;
    }

    /** An array of inputs (strings or token arrays), as opposed to one input. */
    private static boolean isBatch(JsonNode input) {
        return input != null && input.isArray() && !input.isEmpty() && !input.get(0).isIntegralNumber();
    }
}
