package io.qwengateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Serves the contract itself, {@code openapi.yaml} from the api-spec module, at {@code /v3/api-docs} (JSON) and
 * {@code /v3/api-docs.yaml}: the document Swagger UI shows is the one the server interfaces were generated from, not
 * a reconstruction from annotations.
 */
@RestController
public class ContractController {

    private static final String CONTRACT = "/openapi.yaml";

    private final String yaml;
    private final JsonNode tree;

    public ContractController() throws IOException {
        try (InputStream in = ContractController.class.getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException("The contract " + CONTRACT + " is missing from the classpath");
            }
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        this.tree = new YAMLMapper().readTree(yaml);
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode json() {
        return tree;
    }

    @GetMapping(path = "/v3/api-docs.yaml", produces = "application/yaml")
    public ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8)).body(yaml);
    }
}
