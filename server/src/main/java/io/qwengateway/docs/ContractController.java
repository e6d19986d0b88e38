package io.qwengateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Serves the contract itself, {@code openapi.yaml} from the api-spec module, at {@code /v3/api-docs} (JSON) and
 * {@code /v3/api-docs.yaml}: the document Swagger UI shows is the one the server interfaces were generated from, not
 * a reconstruction from annotations. The JSON names as its server the base URL it was fetched from, so Swagger UI
 * shows (and "Try it out" calls) this gateway wherever it runs; the YAML is the file as written.
 */
@RestController
public class ContractController {

    private static final String CONTRACT = "/openapi.yaml";
    static final String SWAGGER_UI = "/swagger-ui/index.html";

    private final String yaml;
    /** Parsed at the first request for it, not at every start (~2 % of a start's main thread, cold code). */
    private volatile ObjectNode tree;

    public ContractController() throws IOException {
        try (InputStream in = ContractController.class.getResourceAsStream(CONTRACT)) {
            if (in == null) {
                throw new IllegalStateException("The contract " + CONTRACT + " is missing from the classpath");
            }
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The base URL comes from the request (with forwarded headers when {@code server.forward-headers-strategy} is set). */
    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode json() {
        ObjectNode contract = tree().deepCopy();
        contract.putArray("servers").addObject()
                .put("url", ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString())
                .put("description", "this gateway; OpenAI clients use this URL followed by /v1");
        return contract;
    }

    /** Two first requests at once may both parse it: the same tree either way, and nothing else to guard. */
    private ObjectNode tree() {
        ObjectNode parsed = tree;
        if (parsed == null) {
            parsed = (ObjectNode) new YAMLMapper().readTree(yaml);
            tree = parsed;
        }
        return parsed;
    }

    @GetMapping(path = "/v3/api-docs.yaml", produces = "application/yaml")
    public ResponseEntity<String> yaml() {
        return ResponseEntity.ok().contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8)).body(yaml);
    }

    /** A browser opening the gateway's address lands on Swagger UI. A relative location: right behind any proxy. */
    @GetMapping("/")
    public ResponseEntity<Void> root(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(request.getContextPath() + SWAGGER_UI))
                .build();
    }
}
