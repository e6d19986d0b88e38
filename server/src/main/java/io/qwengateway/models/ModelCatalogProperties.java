package io.qwengateway.models;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The models offered and their aliases: {@code gateway.models.*}. Upstream names move (coder-model changed meaning
 * three times), so the list lives in configuration.
 *
 * @param catalogue      what {@code /v1/models} lists
 * @param aliases        client name to upstream name, applied before the upstream call
 * @param patternAliases tried in order for names that are no exact alias: the first whose pattern matches the whole
 *                       name gives the upstream name (so new Claude model names need no release)
 */
@ConfigurationProperties("gateway.models")
public record ModelCatalogProperties(List<Entry> catalogue, Map<String, String> aliases,
        List<PatternAlias> patternAliases) {

    public ModelCatalogProperties {
        catalogue = catalogue == null ? List.of() : List.copyOf(catalogue);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        patternAliases = patternAliases == null ? List.of() : List.copyOf(patternAliases);
    }

    /**
     * @param pattern a regular expression the whole requested name must match, e.g. {@code claude-.*haiku.*}
     * @param model   the upstream model it goes to
     */
    public record PatternAlias(java.util.regex.Pattern pattern, String model) {
    }

    /**
     * @param id      the upstream model name
     * @param ownedBy shown as {@code owned_by}
     * @param created shown as {@code created} (Unix seconds)
     */
    public record Entry(String id, String ownedBy, long created) {
    }
}
