package io.qwengateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP front: {@code gateway.web.*}.
 *
 * @param maxRequestSize largest request body accepted (images travel as data URLs, so this is generous)
 * @param clientApiKeys  when not empty, the only bearer keys clients may use; empty accepts any key. Also
 *                       {@code API_KEY}, comma-separated: entries are trimmed and blank ones dropped, so that
 *                       {@code API_KEY=} or {@code "a, ,b"} never admits an empty or space-padded key.
 */
@ConfigurationProperties("gateway.web")
public record WebProperties(DataSize maxRequestSize, java.util.List<String> clientApiKeys) {

    public WebProperties {
        maxRequestSize = maxRequestSize == null ? RequestSizeLimitFilter.defaultLimit() : maxRequestSize;
        clientApiKeys = clientApiKeys == null ? java.util.List.of()
                : clientApiKeys.stream().filter(key -> key != null).map(String::strip).filter(key -> !key.isEmpty())
                        .toList();
    }
}
