package io.qwengateway.errors;

import java.math.BigInteger;
import java.util.Collection;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns Jackson's failures into messages a user can act on, in OpenAI's words: where the JSON breaks and what was
 * expected there; which parameter has the wrong type, what type it needs and what it got
 * ({@code Invalid type for 'stream': expected a boolean, but got an integer instead.}). Never a Java or Jackson type
 * name, a feature flag or a source reference.
 */
public final class JsonErrorMessages {

    private static final Pattern CODE_POINT = Pattern.compile("\\('(.{1,2})' \\(code \\d+\\)\\)");
    private static final Pattern CONTROL_CHARACTER = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern CONSTRAINT_SOURCE = Pattern.compile(", from `[^`]*`");
    /** What is left of a Jackson message must read as plain words: no code, feature or source references. */
    private static final Pattern INTERNALS = Pattern.compile(
            "`|Source|REDACTED|Exception|jackson|java\\.|io\\.qwengateway|fasterxml|JsonToken|START_|END_|VALUE_|\\$",
            Pattern.CASE_INSENSITIVE);

    private JsonErrorMessages() {
    }

    /** A body that is not well-formed JSON, or breaks the parser's size and depth limits. */
    public static ApiException syntax(JacksonException error) {
        String what = plainWords(error.getOriginalMessage());
        TokenStreamLocation location = error.getLocation();
        String where = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return ApiException.invalidRequest("We could not parse the JSON body of your request" + where
                + (what == null ? "." : ": " + what + ".")
                + " The body must be a JSON object sent with 'Content-Type: application/json'.", null);
    }

    /** A well-formed body whose value at some parameter has the wrong JSON type; {@code body} is the client's tree. */
    public static ApiException binding(JacksonException error, JsonNode body) {
        String param = paramOf(error);
        JsonNode sent = body == null || param == null ? null : at(body, error);
        if (error instanceof InputCoercionException coercion) {
            return ApiException.invalidRequest("Invalid '" + param + "': " + rangeOf(coercion.getTargetType()) + ".",
                    param);
        }
        Class<?> target = error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        String expected = expected(target);
        String got = sent == null && error instanceof InvalidNullException ? "null" : got(sent);
        if (param == null) {
            return ApiException.invalidRequest("The request body does not match the expected structure"
                    + (expected == null ? "." : ": expected " + expected + "."), null);
        }
        if (expected == null) {
            return ApiException.invalidRequest("Invalid value for '" + param + "'"
                    + (got == null ? "." : ": " + got + " is not allowed here."), param);
        }
        return ApiException.invalidRequest("Invalid type for '" + param + "': expected " + expected
                + (got == null ? "." : ", but got " + got + " instead."), param);
    }

    /** The parameter path as OpenAI writes it: {@code messages[0].content}. */
    static String paramOf(JacksonException error) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : error.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    private static JsonNode at(JsonNode body, JacksonException error) {
        JsonNode node = body;
        for (JacksonException.Reference reference : error.getPath()) {
            if (node == null) {
                return null;
            }
            node = reference.getPropertyName() != null ? node.get(reference.getPropertyName())
                    : reference.getIndex() >= 0 ? node.get(reference.getIndex()) : node;
        }
        return node;
    }

    private static String expected(Class<?> target) {
        if (target == null || target == Object.class) {
            return null;
        }
        if (target == Boolean.class || target == boolean.class) {
            return "a boolean";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class || target == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(target) || target == double.class || target == float.class) {
            return "a number";
        }
        if (CharSequence.class.isAssignableFrom(target) || target.isEnum()) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String got(JsonNode sent) {
        if (sent == null || sent.isMissingNode()) {
            return null;
        }
        if (sent.isNull()) {
            return "null";
        }
        if (sent.isBoolean()) {
            return "a boolean";
        }
        if (sent.isIntegralNumber()) {
            return "an integer";
        }
        if (sent.isNumber()) {
            return "a decimal number";
        }
        if (sent.isString()) {
            return sent.asString().isEmpty() ? "an empty string" : "a string";
        }
        return sent.isArray() ? "an array" : "an object";
    }

    private static String rangeOf(Class<?> target) {
        if (target == Integer.class || target == int.class) {
            return "expected an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
        }
        if (target == Long.class || target == long.class) {
            return "expected an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
        return "the number is out of range";
    }

    /**
     * Jackson's own sentence without its codes and references ({@code (code 125)}, {@code [Source: REDACTED ...]},
     * {@code from `StreamReadConstraints...`}, {@code enable `JsonReadFeature...`}), or null when what is left would
     * still show internals.
     */
    static String plainWords(String message) {
        if (message == null) {
            return null;
        }
        String text = message.lines().findFirst().orElse("");
        for (String cut : new String[] {" (for ", " (start marker", " [Source", ": enable `"}) {
            int at = text.indexOf(cut);
            if (at >= 0) {
                text = text.substring(0, at);
            }
        }
        text = CODE_POINT.matcher(text).replaceAll("'$1'");
        text = CONTROL_CHARACTER.matcher(text).replaceAll("(control character $1)");
        text = CONSTRAINT_SOURCE.matcher(text).replaceAll("");
        text = text.replace("Non-standard token", "Unrecognized token").strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.isEmpty() || INTERNALS.matcher(text).find() ? null : text;
    }
}
