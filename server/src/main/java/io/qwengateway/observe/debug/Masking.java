package io.qwengateway.observe.debug;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hides secrets in what a debug file shows: every token, key and {@code Authorization} / {@code x-api-key} value is
 * cut to its first and last four characters ({@code sk-a…wxyz}); one of fewer than twelve characters, of which that
 * would show most, is replaced whole. Applied to headers by name, to JSON members whose name says secret (with
 * string values: {@code max_tokens} stays a number), to the gateway's own keys wherever they appear, and to text
 * that looks like a bearer token or an {@code sk-} key.
 */
public final class Masking {

    private static final int SHOWN = 4;
    private static final int SHORTEST_SHOWN = 12;
    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(authorization|api[-_]?key|token|secret|password|cookie|credential).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECRET_TEXT = Pattern.compile(
            "(?i)(bearer\\s+)([A-Za-z0-9._~+/=-]{8,})|\\b(sk-[A-Za-z0-9_-]{8,})");

    private final List<String> knownSecrets;
    private final ObjectMapper json;

    /** @param knownSecrets keys of the gateway's own (client keys, admin key, upstream key), masked wherever they are */
    public Masking(Collection<String> knownSecrets, ObjectMapper json) {
        this.knownSecrets = knownSecrets.stream().filter(secret -> secret != null && secret.length() >= SHOWN)
                .distinct().toList();
        this.json = json;
    }

    /** {@code secret} cut to its first and last four characters. */
    public static String mask(String secret) {
        if (secret.length() < SHORTEST_SHOWN) {
            return "****";
        }
        return secret.substring(0, SHOWN) + "…" + secret.substring(secret.length() - SHOWN);
    }

    /** A header's value, masked when its name says it carries a secret (an auth scheme stays readable). */
    public String header(String name, String value) {
        if (!SECRET_NAME.matcher(name).matches()) {
            return text(value);
        }
        int space = value.indexOf(' ');
        if (space > 0 && value.substring(0, space).toLowerCase(Locale.ROOT).matches("bearer|basic|token")) {
            return value.substring(0, space + 1) + mask(value.substring(space + 1).strip());
        }
        return mask(value);
    }

    public List<Map.Entry<String, String>> headers(List<Map.Entry<String, String>> headers) {
        return headers.stream().map(header -> Map.entry(header.getKey(), header(header.getKey(), header.getValue())))
                .toList();
    }

    /** A JSON body with its secret members masked, then as text; text that is no JSON is masked as text. */
    public String body(String body) {
        if (body == null) {
            return null;
        }
        String trimmed = body.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                JsonNode tree = json.readTree(body);
                maskMembers(tree);
                return text(tree.toString());
            } catch (JacksonException notJson) {
                // a cut body, or not JSON: the text rules still apply
            }
        }
        return text(body);
    }

    private void maskMembers(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                JsonNode value = member.getValue();
                if (value.isString() && SECRET_NAME.matcher(member.getKey()).matches()) {
                    object.put(member.getKey(), mask(value.asString()));
                } else {
                    maskMembers(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(this::maskMembers);
        }
    }

    /** Free text with the gateway's keys, bearer tokens and {@code sk-} keys masked. */
    public String text(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : knownSecrets) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, mask(secret));
            }
        }
        Matcher matcher = SECRET_TEXT.matcher(masked);
        StringBuilder out = new StringBuilder(masked.length());
        while (matcher.find()) {
            String replacement = matcher.group(2) != null ? matcher.group(1) + mask(matcher.group(2))
                    : mask(matcher.group(3));
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
