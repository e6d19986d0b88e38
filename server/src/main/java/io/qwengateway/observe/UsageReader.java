package io.qwengateway.observe;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * Finds the top-level {@code usage} of a JSON answer without building the rest of it: the chat protocol passes the
 * upstream's bytes through unparsed, and a tree of a long completion only to read four numbers would cost more than
 * the rest of the gateway's work on it. Other members are skipped token by token.
 */
@Component
public class UsageReader {

    private final ObjectMapper json;

    public UsageReader(ObjectMapper json) {
        this.json = json;
    }

    /** The answer's usage; null when it has none or is not a JSON object. */
    public Usage read(byte[] answer) {
        try (JsonParser parser = json.createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("usage".equals(name) && value == JsonToken.START_OBJECT) {
                    return Usage.of(parser.readValueAsTree());
                }
                parser.skipChildren();
            }
            return null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
