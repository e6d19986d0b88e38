package io.qwengateway.simulator.embeddings;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The texts to embed, from every form OpenAI's {@code input} takes: a string, an array of strings, an array of
 * token ids, or an array of such arrays. Token ids are embedded as the text of their numbers.
 */
final class EmbeddingInput {

    static final String EXPECTED_FORMS =
            "'input' is required: a string, an array of strings, or an array of token arrays";

    private EmbeddingInput() {
    }

    /** @return empty when {@code input} is missing or of no accepted form */
    static Optional<List<String>> texts(JsonNode input) {
        if (input.isString()) {
            return Optional.of(List.of(input.stringValue()));
        }
        if (!input.isArray() || input.isEmpty()) {
            return Optional.empty();
        }
        if (isTokenArray(input)) {
            return Optional.of(List.of(tokensAsText(input)));
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : input) {
            if (item.isString()) {
                texts.add(item.stringValue());
            } else if (isTokenArray(item)) {
                texts.add(tokensAsText(item));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(texts);
    }

    private static boolean isTokenArray(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            return false;
        }
        for (JsonNode item : node) {
            if (!item.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }

    private static String tokensAsText(JsonNode tokens) {
        List<String> numbers = new ArrayList<>();
        tokens.forEach(token -> numbers.add(token.asString()));
        return String.join(" ", numbers);
    }
}
