package io.qwengateway.simulator.oauth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form body read the strict way. The qwen-code CLI sends its fields in a fixed order, percent-encoded with
 * {@code %20} for spaces; the service sits behind a WAF, and a client that differs is a client that may be refused
 * or throttled sooner. The simulator refuses such bodies with the reason, so the bug shows up in a test.
 */
final class StrictForm {

    private final Map<String, String> fields;

    private StrictForm(Map<String, String> fields) {
        this.fields = fields;
    }

    static StrictForm parse(String body) throws FormRejected {
        if (body.isEmpty()) {
            throw FormRejected.invalidRequest("empty form body");
        }
        if (body.contains("+")) {
            throw FormRejected.invalidRequest("found '+' in the form body: encode spaces as %20, not '+' "
                    + "(java.net.URLEncoder output needs its '+' replaced by %20)");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw FormRejected.invalidRequest("malformed form field '" + pair + "': expected name=value");
            }
            String name = decode(pair.substring(0, equals));
            if (fields.put(name, decode(pair.substring(equals + 1))) != null) {
                throw FormRejected.invalidRequest("form field '" + name + "' appears twice");
            }
        }
        return new StrictForm(fields);
    }

    private static String decode(String encoded) throws FormRejected {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw FormRejected.invalidRequest("bad percent-encoding in '" + encoded + "'");
        }
    }

    List<String> fieldNames() {
        return List.copyOf(fields.keySet());
    }

    /** The decoded value, empty when the field is absent. */
    String value(String name) {
        return fields.getOrDefault(name, "");
    }

    void requireFieldOrder(String... expected) throws FormRejected {
        List<String> expectedNames = List.of(expected);
        if (!fieldNames().equals(expectedNames)) {
            throw FormRejected.invalidRequest("form fields must be exactly, in this order, "
                    + String.join(", ", expectedNames) + "; got " + String.join(", ", fieldNames()));
        }
    }

    void requireValue(String name, String expected) throws FormRejected {
        if (!value(name).equals(expected)) {
            throw FormRejected.invalidRequest(name + " must be '" + expected + "', got '" + value(name) + "'");
        }
    }
}
