package io.qwengateway.credentials;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body whose fields keep their order and whose values are encoded like
 * JavaScript's {@code encodeURIComponent}, as the qwen-code CLI sends them: spaces as {@code %20}, never {@code +}
 * (the Qwen OAuth server reads {@code +} literally), and {@code ! ' ( ) ~ *} left as they are.
 */
public final class FormBody {

    private final List<Map.Entry<String, String>> fields = new ArrayList<>();

    public FormBody add(String name, String value) {
        fields.add(Map.entry(name, value));
        return this;
    }

    public String encoded() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> field : fields) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(encodeUriComponent(field.getKey())).append('=').append(encodeUriComponent(field.getValue()));
        }
        return out.toString();
    }

    static String encodeUriComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("%21", "!")
                .replace("%27", "'")
                .replace("%28", "(")
                .replace("%29", ")")
                .replace("%7E", "~");
    }

    @Override
    public String toString() {
        return "FormBody" + fields.stream().map(Map.Entry::getKey).toList();
    }
}
