package io.qwengateway.models;

import java.time.Instant;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.ModelsApiDelegate;
import io.qwengateway.api.model.ListModelsResponse;
import io.qwengateway.api.model.Model;
import io.qwengateway.errors.ApiException;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{model}} from the configured catalogue, in OpenAI's shape, or in
 * Anthropic's when the request carries {@code anthropic-version} (the Anthropic SDKs send it on every call).
 */
@Service
public class ModelsDelegate implements ModelsApiDelegate {

    private final ModelCatalog catalog;
    private final ObjectMapper json;

    public ModelsDelegate(ModelCatalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @Override
    public ResponseEntity<Object> listModels() {
        List<Model> models = catalog.list();
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
        Model found = catalog.find(model).orElseThrow(() -> ApiException.notFound("model_not_found",
                "The model '" + model + "' does not exist or you do not have access to it."));
        if (!CurrentRequest.isAnthropic()) {
            return ResponseEntity.ok(found);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(anthropicModel(found));
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
