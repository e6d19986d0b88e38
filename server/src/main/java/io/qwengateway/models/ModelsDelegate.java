package io.qwengateway.models;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.ModelsApiDelegate;
import io.qwengateway.api.model.ListModelsResponse;
import io.qwengateway.api.model.Model;
import io.qwengateway.errors.ApiException;

/** {@code GET /v1/models} and {@code GET /v1/models/{model}} from the configured catalogue. */
@Service
public class ModelsDelegate implements ModelsApiDelegate {

    private final ModelCatalog catalog;

    public ModelsDelegate(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public ResponseEntity<ListModelsResponse> listModels() {
        return ResponseEntity.ok(new ListModelsResponse("list", catalog.list()));
    }

    @Override
    public ResponseEntity<Model> retrieveModel(String model) {
        return catalog.find(model).map(ResponseEntity::ok).orElseThrow(() -> ApiException.notFound("model_not_found",
                "The model '" + model + "' does not exist or you do not have access to it."));
    }
}
