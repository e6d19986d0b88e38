package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import io.qwengateway.support.SimulatedQwen;
import tools.jackson.databind.JsonNode;

/**
 * What a client reads in an error is written for it: a few hundred malformed bodies each get a 4xx in OpenAI's
 * envelope that names no Java or Jackson type, no parser internals and no path of the gateway host, and none of them
 * reaches Qwen. Credential problems tell a remote client what to do without the gateway's file paths.
 */
class ClientMessagesIT extends GatewayIntegrationTest {

    private static final String CHAT = "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\","
            + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}],"
            + "\"stream\":false,\"n\":1,\"temperature\":0.5,\"max_tokens\":16,\"stream_options\":{\"include_usage\":true},"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"logit_bias\":{\"1\":2},\"seed\":3}";
    private static final String EMBEDDINGS = "{\"model\":\"text-embedding-v4\",\"input\":[\"a\"],\"dimensions\":8,"
            + "\"encoding_format\":\"float\",\"user\":\"u\"}";

    /** For each parameter, values of every JSON type it does not accept. */
    private static final Map<String, List<String>> WRONG_CHAT_VALUES = new LinkedHashMap<>();
    private static final Map<String, List<String>> WRONG_EMBEDDING_VALUES = new LinkedHashMap<>();

    static {
        List<String> notAString = List.of("1", "1.5", "1e999999", "true", "[]", "{}", "[\"x\"]");
        List<String> notABoolean = List.of("1", "0", "1.0", "\"true\"", "[]", "{}");
        List<String> notAnInteger = List.of("1.5", "1e3", "\"2\"", "true", "[]", "{}", "99999999999",
                "1" + "0".repeat(40));
        List<String> notANumber = List.of("\"0.5\"", "true", "[]", "{}");
        List<String> notAnObject = List.of("\"x\"", "1", "true", "[]", "[{}]", "\"\"");
        List<String> notAnArray = List.of("\"x\"", "1", "true", "{}");
        WRONG_CHAT_VALUES.put("model", notAString);
        WRONG_CHAT_VALUES.put("messages", List.of("\"hello\"", "1", "true", "{}", "[]", "[null]", "[1]", "[\"hi\"]",
                "[[]]", "null"));
        WRONG_CHAT_VALUES.put("stream", notABoolean);
        WRONG_CHAT_VALUES.put("n", notAnInteger);
        WRONG_CHAT_VALUES.put("max_tokens", notAnInteger);
        WRONG_CHAT_VALUES.put("seed", List.of("1.5", "\"3\"", "true", "{}", "1" + "0".repeat(30)));
        WRONG_CHAT_VALUES.put("temperature", notANumber);
        WRONG_CHAT_VALUES.put("top_p", notANumber);
        WRONG_CHAT_VALUES.put("stream_options", notAnObject);
        WRONG_CHAT_VALUES.put("tools", List.of("\"x\"", "1", "{}", "[null]", "[1]", "[\"f\"]"));
        WRONG_CHAT_VALUES.put("logit_bias", List.of("[]", "\"x\"", "1", "{\"1\":\"x\"}", "{\"1\":null}", "{\"1\":1.5}"));
        WRONG_CHAT_VALUES.put("modalities", List.of("\"text\"", "[1]", "[null]", "{}"));
        WRONG_CHAT_VALUES.put("parallel_tool_calls", notABoolean);
        WRONG_CHAT_VALUES.put("user", notAString);
        WRONG_EMBEDDING_VALUES.put("model", notAString);
        WRONG_EMBEDDING_VALUES.put("input", List.of("1", "true", "{}", "[]", "[null]", "[true]", "[{}]", "[[]]",
                "[[1.5]]", "null"));
        WRONG_EMBEDDING_VALUES.put("dimensions", notAnInteger);
        WRONG_EMBEDDING_VALUES.put("encoding_format", List.of("1", "true", "[]", "{}", "\"int8\""));
        WRONG_EMBEDDING_VALUES.put("user", notAString);
    }

    /** Words and shapes that only a Java stack, a parser or the host's file system would produce. */
    private static final List<String> INTERNALS = List.of("io.qwengateway", "tools.jackson", "com.fasterxml", "java.",
            "Exception", "REDACTED", "Source:", "StreamReadFeature", "StreamReadConstraints", "JsonToken", "`",
            "ResponseEntity", "public ", "org.springframework", "org.apache");

    @Test
    void hundredsOfMalformedBodiesEachGetAUserLevel4xxEnvelopeAndNeverReachQwen() {
        List<String> violations = new ArrayList<>();
        int sent = 0;
        for (String body : malformedChatBodies()) {
            check("/v1/chat/completions", body, violations);
            sent++;
        }
        for (String body : malformedEmbeddingBodies()) {
            check("/v1/embeddings", body, violations);
            sent++;
        }

        assertThat(sent).isGreaterThan(300);
        assertThat(violations).isEmpty();
        assertThat(sim.chatRequestCount()).as("nothing reached Qwen").isZero();
        assertThat(sim.recordedRequests("/v1/embeddings")).isEmpty();
    }

    static Stream<Arguments> wronglyTypedParameters() {
        return Stream.of(
                Arguments.of(CHAT.replace("\"stream\":false", "\"stream\":1"), "stream",
                        "Invalid type for 'stream': expected a boolean, but got an integer instead."),
                Arguments.of(CHAT.replace("\"model\":\"coder-model\"", "\"model\":1e999999"), "model",
                        "Invalid type for 'model': expected a string, but got a decimal number instead."),
                Arguments.of("{\"model\":\"coder-model\",\"messages\":[null]}", "messages[0]",
                        "Invalid type for 'messages[0]': expected an object, but got null instead."),
                Arguments.of(CHAT.replace("\"n\":1", "\"n\":\"2\""), "n",
                        "Invalid type for 'n': expected an integer, but got a string instead."),
                Arguments.of(CHAT.replace("\"id\":\"c1\"", "\"id\":7"), "messages[0].tool_calls[0].id",
                        "Invalid type for 'messages[0].tool_calls[0].id': expected a string, but got an integer "
                                + "instead."),
                Arguments.of("{\"model\":\"coder-model\",\"messages\":[]}", "messages",
                        "'messages' must contain at least one message."));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("wronglyTypedParameters")
    void aWronglyTypedParameterIsNamedWithTheTypeItNeedsAndTheTypeItGot(String body, String param, String message) {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(error(response).path("param").asString()).isEqualTo(param);
        assertThat(error(response).path("message").asString()).isEqualTo(message);
        assertThat(sim.chatRequestCount()).isZero();
    }

    @Test
    void aJsonSyntaxErrorSaysWhereAndWhatWasExpected() {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", "{\"model\": \"coder-model\",\n}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response).path("message").asString()).isEqualTo("We could not parse the JSON body of your "
                + "request at line 2, column 1: Unexpected character '}': was expecting double-quote to start property "
                + "name. The body must be a JSON object sent with 'Content-Type: application/json'.");
    }

    @Test
    void aBodyOverTheLimitNamesTheSettingThatExists() {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions",
                "{\"model\":\"" + "m".repeat(2 * 1024 * 1024) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response).path("message").asString()).contains("gateway.web.max-request-size");
    }

    @Test
    void missingCredentialsTellARemoteClientWhatToDoButNotWhereTheFilesAre() throws Exception {
        Files.delete(SimulatedQwen.credentialsFile());

        HttpResponse<String> chat = gateway.postJson("/v1/chat/completions", CHAT);
        JsonNode health = GatewayClient.parse(gateway.get("/health").body());

        assertThat(chat.statusCode()).isEqualTo(401);
        String message = error(chat).path("message").asString();
        assertThat(message).contains("POST /auth/initiate", " auth'", "QWEN_API_KEY", "<qwen home>/oauth_creds.json");
        String healthMessage = health.path("credential").path("message").asString();
        assertThat(healthMessage).contains("POST /auth/initiate");
        for (String text : List.of(message, healthMessage)) {
            assertThat(text).doesNotContain(SimulatedQwen.home().toString(), System.getProperty("user.home") + "/",
                    System.getProperty("user.dir"));
            assertThat(Pattern.compile("(^|[\\s'(])/(tmp|home|root|usr|opt|srv|var)/").matcher(text).find())
                    .as(text).isFalse();
        }
    }

    private void check(String path, String body, List<String> violations) {
        HttpResponse<String> response = gateway.send(gateway.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        String problem = problemWith(response);
        if (problem != null) {
            violations.add(path + " " + abbreviate(body) + " -> " + response.statusCode() + " " + problem + ": "
                    + abbreviate(response.body()));
        }
    }

    private static String problemWith(HttpResponse<String> response) {
        if (response.statusCode() < 400 || response.statusCode() > 499) {
            return "not a 4xx";
        }
        if (!response.headers().firstValue("content-type").orElse("").startsWith("application/json")) {
            return "not JSON";
        }
        JsonNode error;
        try {
            error = GatewayClient.parse(response.body()).path("error");
        } catch (RuntimeException e) {
            return "unparseable";
        }
        if (!error.path("message").isString() || error.path("message").asString().isBlank()
                || !error.path("type").isString() || !error.has("param") || !error.has("code")) {
            return "not the envelope";
        }
        String message = error.path("message").asString();
        for (String internal : INTERNALS) {
            if (message.contains(internal)) {
                return "names '" + internal + "'";
            }
        }
        if (Pattern.compile("(^|[\\s'(])/(tmp|home|root|usr|opt|srv|var)/").matcher(message).find()) {
            return "names a path";
        }
        return null;
    }

    private static List<String> malformedChatBodies() {
        List<String> bodies = new ArrayList<>();
        WRONG_CHAT_VALUES.forEach((param, values) -> values.forEach(value -> bodies.add(with(CHAT, param, value))));
        for (String message : List.of("{\"role\":1}", "{\"role\":null,\"content\":\"x\"}", "{\"content\":\"x\"}",
                "{\"role\":\"user\",\"tool_calls\":\"x\"}", "{\"role\":\"user\",\"tool_calls\":[null]}",
                "{\"role\":\"user\",\"tool_calls\":[{\"id\":1}]}", "{\"role\":\"user\",\"name\":[]}",
                "{\"role\":\"tool\",\"tool_call_id\":{}}")) {
            bodies.add("{\"model\":\"coder-model\",\"messages\":[" + message + "]}");
        }
        bodies.add("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        bodies.add("{\"model\":\"coder-model\"}");
        bodies.addAll(structuralDamage(CHAT));
        return bodies;
    }

    private static List<String> malformedEmbeddingBodies() {
        List<String> bodies = new ArrayList<>();
        WRONG_EMBEDDING_VALUES.forEach((param, values) -> values.forEach(
                value -> bodies.add(with(EMBEDDINGS, param, value))));
        bodies.add("{\"input\":\"a\"}");
        bodies.add("{\"model\":\"text-embedding-v4\"}");
        bodies.addAll(structuralDamage(EMBEDDINGS));
        return bodies;
    }

    /** Truncations, non-object roots, broken syntax, nesting past the parser's limit, and seeded garbage. */
    private static List<String> structuralDamage(String valid) {
        List<String> bodies = new ArrayList<>();
        for (int cut = 0; cut < valid.length(); cut += 3) {
            bodies.add(valid.substring(0, cut));
        }
        bodies.addAll(List.of("[]", "[" + valid + "]", "1", "\"text\"", "null", "true", valid + "x", valid + valid,
                valid.replace("\"", "'"), valid.replace(":", "="), valid.replaceFirst(",", ",,"),
                valid.replaceFirst("\\{", "{\u0001"), valid.replace("\"model\"", "model"), "{\"model\":NaN}",
                "{\"model\":\"\\x\"}", "{\"model\":\"" + "\u0007" + "\"}", "{\"a\":01}",
                "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
                "{\"a\":" + "{\"b\":".repeat(1200) + "1" + "}".repeat(1201)));
        Random random = new Random(7);
        for (int i = 0; i < 25; i++) {
            StringBuilder garbage = new StringBuilder("{");
            for (int j = 0; j < 40; j++) {
                garbage.append((char) (32 + random.nextInt(95)));
            }
            bodies.add(garbage.toString());
        }
        return bodies;
    }

    /** The body with one top-level parameter's value replaced (or added). */
    private static String with(String body, String param, String value) {
        JsonNode tree = GatewayClient.parse(body);
        String key = "\"" + param + "\":";
        if (!tree.has(param)) {
            return body.substring(0, body.length() - 1) + "," + key + value + "}";
        }
        String current = tree.get(param).toString();
        return body.replace(key + current, key + value);
    }

    private static JsonNode error(HttpResponse<String> response) {
        return GatewayClient.parse(response.body()).path("error");
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
