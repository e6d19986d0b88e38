package io.qwengateway.credentials;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A static API key upstream: DashScope (Model Studio) or a Coding Plan key: {@code gateway.api-key.*}.
 *
 * @param key     the key ({@code $QWEN_API_KEY} or {@code $DASHSCOPE_API_KEY}); empty when not used
 * @param baseUrl the OpenAI-compatible base URL the key belongs to
 * @param headers extra headers for this upstream
 */
@ConfigurationProperties("gateway.api-key")
public record ApiKeyProperties(String key, String baseUrl, Map<String, String> headers) {

    public ApiKeyProperties {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public boolean configured() {
        return key != null && !key.isBlank();
    }
}
