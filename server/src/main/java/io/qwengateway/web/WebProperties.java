package io.qwengateway.web;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP front: {@code gateway.web.*}.
 *
 * @param maxRequestSize largest request body accepted (images travel as data URLs, so this is generous)
 * @param clientApiKeys  when not empty, the only bearer keys clients may use, on every route but the few open ones;
 *                       empty accepts any key. Also {@code API_KEY}, comma-separated: entries are trimmed and blank
 *                       ones dropped, so that {@code API_KEY=} or {@code "a, ,b"} never admits an empty or
 *                       space-padded key.
 * @param headerTimeout  longest time from a request's first byte to the end of its headers; slower connections are
 *                       closed (zero: no limit beyond Tomcat's per-read {@code connection-timeout})
 */
@Validated
@ConfigurationProperties("gateway.web")
public record WebProperties(DataSize maxRequestSize, List<String> clientApiKeys,
        @DurationMin(millis = 0) Duration headerTimeout) {

    @ConstructorBinding
    public WebProperties {
        maxRequestSize = maxRequestSize == null ? RequestSizeLimitFilter.defaultLimit() : maxRequestSize;
        clientApiKeys = clientApiKeys == null ? List.of()
                : clientApiKeys.stream().filter(key -> key != null).map(String::strip).filter(key -> !key.isEmpty())
                        .toList();
        headerTimeout = headerTimeout == null ? Duration.ZERO : headerTimeout;
    }

    public WebProperties(DataSize maxRequestSize, List<String> clientApiKeys) {
        this(maxRequestSize, clientApiKeys, null);
    }
}
