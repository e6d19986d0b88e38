package io.qwengateway.models;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.ModelsApiDelegate;
import io.qwengateway.api.model.ListModelsResponse;
import io.qwengateway.api.model.Model;
import io.qwengateway.errors.ApiException;
import io.qwengateway.pool.ModelSet;
import io.qwengateway.pool.PoolMember;
import io.qwengateway.pool.UpstreamPool;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{model}}: what the pool's upstreams serve, described by the
 * configured catalogue (an upstream serving {@code *} serves every catalogue model; names an upstream lists that the
 * catalogue lacks are added), in OpenAI's shape, or in Anthropic's when the request carries
 * {@code anthropic-version} (the Anthropic SDKs send it on every call). Aliases resolve to their target; a model no
 * upstream serves is 404 {@code model_not_found}.
 */
@Service
public class ModelsDelegate implements ModelsApiDelegate {

    private final ModelCatalog catalog;
    private final UpstreamPool pool;
    private final ObjectMapper json;

    public ModelsDelegate(ModelCatalog catalog, UpstreamPool pool, ObjectMapper json) {
        this.catalog = catalog;
        this.pool = pool;
        this.json = json;
    }

    @Override
    public ResponseEntity<Object> listModels() {
        List<Model> models = served();
        if (!CurrentRequest.isAnthropic()) {
            return ResponseEntity.ok(new ListModelsResponse("list", models));
        }
        ObjectNode list = json.createObjectNode();
        ArrayNode data = list.putArray("data");
        models.forEach(model -> data.add(anthropicModel(model)));
        list.put("has_more", false);
        list.put("first_id", models.isEmpty() ? null : models.get(0).getId());
        list.put("last_id", models.isEmpty() ? null : models.get(models.size() - 1).getId());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(list);
    }

    @Override
    public ResponseEntity<Object> retrieveModel(String model) {
        String resolved = catalog.resolve(model);
        Model found = served().stream().filter(candidate -> candidate.getId().equals(resolved)).findFirst()
                .orElseThrow(() -> ApiException.notFound("model_not_found",
                        "The model '" + model + "' does not exist or you do not have access to it."));
        if (!CurrentRequest.isAnthropic()) {
            return ResponseEntity.ok(found);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(anthropicModel(found));
    }

    /** The catalogue's models that some upstream serves, then the names upstreams list beyond the catalogue. */
    private List<Model> served() {
        Map<String, Model> served = new LinkedHashMap<>();
        catalog.list().stream().filter(model -> pool.serves(model.getId()))
                .forEach(model -> served.put(model.getId(), model));
        for (PoolMember member : pool.members()) {
            for (String name : member.models().listed()) {
                if (!name.equals(ModelSet.ANY) && !served.containsKey(name)) {
                    // Unknown to the catalogue: owned by the upstream that serves it; created unknown (0).
                    served.put(name, new Model(name, "model", 0L, member.name()));
                }
            }
        }
        return List.copyOf(served.values());
    }

    private ObjectNode anthropicModel(Model model) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "model");
        node.put("id", model.getId());
        node.put("display_name", model.getId());
        node.put("created_at", Instant.ofEpochSecond(model.getCreated()).toString());
        // Required by the Anthropic SDKs' model (anthropic-java 3.x fails to parse an entry without it).
        node.put("lifecycle", "active");
        return node;
    }
}
