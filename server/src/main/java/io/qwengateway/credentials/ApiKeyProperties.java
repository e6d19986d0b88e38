package io.qwengateway.credentials;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code QWEN_API_KEY} upstream (named {@code api-key} in the pool): a DashScope (Model Studio) or Coding Plan
 * key: {@code gateway.api-key.*}.
 *
 * @param key     the key ({@code $QWEN_API_KEY}); empty when not used
 * @param baseUrl the OpenAI-compatible base URL the key belongs to
 * @param headers extra headers for this upstream
 */
@ConfigurationProperties("gateway.api-key")
public record ApiKeyProperties(String key, String baseUrl, Map<String, String> headers) {

    public ApiKeyProperties {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "ApiKeyProperties[baseUrl=" + baseUrl + "]";
    }

    public boolean configured() {
        return key != null && !key.isBlank();
    }
}
