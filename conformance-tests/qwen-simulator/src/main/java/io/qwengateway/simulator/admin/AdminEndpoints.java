package io.qwengateway.simulator.admin;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.QwenSimulator;
import io.qwengateway.simulator.RecordedRequest;
import io.qwengateway.simulator.ResponseShape;
import io.qwengateway.simulator.http.Router;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;

import static io.qwengateway.simulator.admin.AdminRequests.guarded;

/**
 * The HTTP face of {@link QwenSimulator} under {@code /__sim/}: the same state as the Java API, for a standalone
 * simulator and for tests running in another process (Pact state handlers, scripts, benchmarks).
 * The OAuth side is in {@link OAuthAdminEndpoints}.
 */
public final class AdminEndpoints {

    private final QwenSimulator simulator;

    public AdminEndpoints(QwenSimulator simulator) {
        this.simulator = simulator;
    }

    public void registerOn(Router router) {
        router.add("POST", Router.ADMIN_PREFIX + "reset", guarded(this::reset));
        router.add("POST", Router.ADMIN_PREFIX + "chat/enqueue", guarded(this::enqueueChat));
        router.add("GET", Router.ADMIN_PREFIX + "requests", guarded(this::requests));
        router.add("GET", Router.ADMIN_PREFIX + "stats", guarded(this::stats));
        router.add("GET", Router.ADMIN_PREFIX + "config", guarded(this::config));
        router.add("POST", Router.ADMIN_PREFIX + "config", guarded(this::configure));
        router.add("POST", Router.ADMIN_PREFIX + "stalls/thaw", guarded(this::thawStalls));
    }

    private void reset(SimExchange exchange) throws IOException {
        simulator.reset();
        exchange.respondJson(200, Json.object().put("reset", true));
    }

    /** Body: one behaviour object or an array of them, see {@link BehaviourJson}. */
    private void enqueueChat(SimExchange exchange) throws IOException {
        List<ChatBehaviour> behaviours = BehaviourJson.parseAll(AdminRequests.body(exchange));
        simulator.enqueueChat(behaviours.toArray(ChatBehaviour[]::new));
        exchange.respondJson(200, Json.object()
                .put("enqueued", behaviours.size())
                .put("pending", simulator.pendingChatBehaviours()));
    }

    private void thawStalls(SimExchange exchange) throws IOException {
        int held = simulator.stalledRequests();
        simulator.thawStalledRequests();
        exchange.respondJson(200, Json.object().put("thawed", held));
    }

    /** All recordings, or those to one path with {@code ?path=/v1/chat/completions}. */
    private void requests(SimExchange exchange) throws IOException {
        List<RecordedRequest> recorded = exchange.queryParameter("path")
                .map(simulator::recordedRequests)
                .orElseGet(simulator::recordedRequests);
        ArrayNode list = Json.array();
        for (RecordedRequest request : recorded) {
            ObjectNode item = list.addObject();
            item.put("method", request.method());
            item.put("path", request.path());
            item.put("query", request.query());
            ObjectNode headers = item.putObject("headers");
            request.headers().forEach(headers::put);
            item.put("body", request.body());
            item.put("receivedAt", request.receivedAt().toString());
        }
        exchange.respondJson(200, list);
    }

    private void stats(SimExchange exchange) throws IOException {
        exchange.respondJson(200, Json.object()
                .put("chatRequests", simulator.chatRequestCount())
                .put("refreshCount", simulator.oauth().refreshCount())
                .put("deviceCodeCount", simulator.oauth().deviceCodeCount())
                .put("cancelledStreams", simulator.cancelledStreams())
                .put("activeStreams", simulator.activeStreams())
                .put("stalledRequests", simulator.stalledRequests())
                .put("pendingChatBehaviours", simulator.pendingChatBehaviours())
                .put("recordedRequests", simulator.recordedRequests().size()));
    }

    private void config(SimExchange exchange) throws IOException {
        exchange.respondJson(200, currentConfig());
    }

    /**
     * Any subset of {@code streamChunks}, {@code chunkDelayMs}, {@code headerDelayMs}, {@code acceptAnyBearer},
     * {@code apiKeys} (added to those accepted). Answers the resulting configuration.
     */
    private void configure(SimExchange exchange) throws IOException {
        JsonNode changes = AdminRequests.body(exchange);
        ResponseShape shape = simulator.responseShape();
        if (changes.has("streamChunks")) {
            shape = shape.withContentChunks(AdminRequests.requiredInt(changes, "streamChunks"));
        }
        if (changes.has("chunkDelayMs")) {
            shape = shape.withChunkDelay(AdminRequests.millis(changes, "chunkDelayMs"));
        }
        if (changes.has("headerDelayMs")) {
            shape = shape.withHeaderDelay(AdminRequests.millis(changes, "headerDelayMs"));
        }
        simulator.setResponseShape(shape);
        if (changes.has("acceptAnyBearer")) {
            simulator.setAcceptAnyBearer(changes.path("acceptAnyBearer").asBoolean());
        }
        for (JsonNode apiKey : changes.path("apiKeys")) {
            if (Json.text(apiKey).isBlank()) {
                throw new IllegalArgumentException("'apiKeys' must be an array of non-empty strings");
            }
            simulator.acceptApiKey(apiKey.stringValue());
        }
        exchange.respondJson(200, currentConfig());
    }

    private ObjectNode currentConfig() {
        ResponseShape shape = simulator.responseShape();
        ObjectNode config = Json.object()
                .put("streamChunks", shape.contentChunks())
                .put("chunkDelayMs", shape.chunkDelay().toMillis())
                .put("headerDelayMs", shape.headerDelay().toMillis())
                .put("acceptAnyBearer", simulator.acceptsAnyBearer());
        ArrayNode apiKeys = config.putArray("apiKeys");
        simulator.acceptedApiKeys().stream().sorted().forEach(apiKeys::add);
        return config;
    }
}
