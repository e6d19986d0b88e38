package io.qwengateway.models;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The models offered and their aliases: {@code gateway.models.*}. Upstream names move (coder-model changed meaning
 * three times), so the list lives in configuration.
 *
 * @param catalogue what {@code /v1/models} lists
 * @param aliases   client name to upstream name, applied before the upstream call
 */
@ConfigurationProperties("gateway.models")
public record ModelCatalogProperties(List<Entry> catalogue, Map<String, String> aliases) {

    public ModelCatalogProperties {
        catalogue = catalogue == null ? List.of() : List.copyOf(catalogue);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
    }

    /**
     * @param id      the upstream model name
     * @param ownedBy shown as {@code owned_by}
     * @param created shown as {@code created} (Unix seconds)
     */
    public record Entry(String id, String ownedBy, long created) {
    }
}
