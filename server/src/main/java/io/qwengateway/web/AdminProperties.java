package io.qwengateway.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's access: {@code gateway.admin.*}.
 *
 * @param key the key {@code /admin/**} requires ({@code GATEWAY_ADMIN_KEY}); empty switches the admin routes off
 */
@ConfigurationProperties("gateway.admin")
public record AdminProperties(String key) {

    public AdminProperties {
        key = key == null ? "" : key.strip();
    }
}
