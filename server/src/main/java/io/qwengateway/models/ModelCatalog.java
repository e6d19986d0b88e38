package io.qwengateway.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.qwengateway.api.model.Model;

/** The configured models, and the alias resolution every upstream call goes through. */
@Component
public class ModelCatalog {

    private final Map<String, ModelCatalogProperties.Entry> models = new LinkedHashMap<>();
    private final Map<String, String> aliases;
    private final List<ModelCatalogProperties.PatternAlias> patternAliases;

    public ModelCatalog(ModelCatalogProperties properties) {
        properties.catalogue().forEach(entry -> models.put(entry.id(), entry));
        this.aliases = properties.aliases();
        this.patternAliases = properties.patternAliases();
    }

    /**
     * The upstream name for what the client asked: an alias's target, else the first matching pattern alias's, else
     * the name itself (unknown names pass on).
     */
    public String resolve(String requested) {
        String alias = aliases.get(requested);
        if (alias != null) {
            return alias;
        }
        if (!models.containsKey(requested)) {
            for (ModelCatalogProperties.PatternAlias pattern : patternAliases) {
                if (pattern.pattern().matcher(requested).matches()) {
                    return pattern.model();
                }
            }
        }
        return requested;
    }

    public List<Model> list() {
        return models.values().stream().map(ModelCatalog::toModel).toList();
    }

    private static Model toModel(ModelCatalogProperties.Entry entry) {
        return new Model(entry.id(), "model", entry.created(), entry.ownedBy());
    }
}
