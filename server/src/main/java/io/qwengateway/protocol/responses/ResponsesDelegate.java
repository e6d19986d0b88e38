package io.qwengateway.protocol.responses;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import io.qwengateway.api.ResponsesApiDelegate;
import io.qwengateway.api.model.CreateResponse;
import io.qwengateway.api.model.DeletedResponse;
import io.qwengateway.errors.ApiException;
import io.qwengateway.pipeline.ChatCall;
import io.qwengateway.pipeline.ChatPipeline;
import io.qwengateway.protocol.ClientAnswer;
import io.qwengateway.protocol.ClientStreamTranslator;
import io.qwengateway.web.CurrentRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/responses}: the request becomes a Qwen chat completion ({@link ResponsesRequestTranslator}), goes the
 * way every chat request goes ({@link ChatPipeline}), and its answer comes back as a response object or the
 * Responses API's stream events. Finished responses are stored unless the client said {@code store: false}.
 */
@Service
public class ResponsesDelegate implements ResponsesApiDelegate {

    private final ChatPipeline pipeline;
    private final ResponsesRequestTranslator requests;
    private final ResponseStore store;
    private final ResponseOwner owners;
    private final ObjectMapper json;
    private final Clock clock;

    public ResponsesDelegate(ChatPipeline pipeline, ResponsesRequestTranslator requests, ResponseStore store,
            ResponseOwner owners, ObjectMapper json, Clock clock) {
        this.pipeline = pipeline;
        this.requests = requests;
        this.store = store;
        this.owners = owners;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public ResponseEntity<Object> createResponse(CreateResponse request) {
        String owner = owners.current();
        ResponsesCall call = requests.translate(CurrentRequest.jsonBody(), owner);
        return pipeline.serve(call.chat(), new Answer(call, owner));
    }

    @Override
    public ResponseEntity<Object> getResponse(String responseId) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(stored(responseId).response());
    }

    @Override
    public ResponseEntity<DeletedResponse> deleteResponse(String responseId) {
        if (!store.delete(responseId, owners.current())) {
            throw notFound(responseId);
        }
        return ResponseEntity.ok(new DeletedResponse(responseId, DeletedResponse.ObjectEnum.RESPONSE, true));
    }

    @Override
    public ResponseEntity<Object> listInputItems(String responseId, Integer limit, String order, String after,
            List<String> include) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw ApiException.invalidRequest("Invalid 'limit': " + size + ". It must be between 1 and 100.", "limit");
        }
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw ApiException.invalidRequest("Invalid 'order': '" + order + "'. Use 'asc' or 'desc'.", "order");
        }
        List<ObjectNode> items = new ArrayList<>(stored(responseId).input());
        if (!"asc".equals(order)) {
            Collections.reverse(items);
        }
        int start = 0;
        if (after != null) {
            start = indexOf(items, after) + 1;
            if (start == 0) {
                throw ApiException.invalidRequest("No input item '" + after + "' in response '" + responseId + "'.",
                        "after");
            }
        }
        List<ObjectNode> page = items.subList(start, Math.min(items.size(), start + size));
        ObjectNode list = json.createObjectNode();
        list.put("object", "list");
        ArrayNode data = list.putArray("data");
        page.forEach(item -> data.add(ResponseObjects.inputItemResource(item)));
        list.put("first_id", page.isEmpty() ? null : page.get(0).path("id").asString());
        list.put("last_id", page.isEmpty() ? null : page.get(page.size() - 1).path("id").asString());
        list.put("has_more", start + page.size() < items.size());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(list);
    }

    private StoredResponse stored(String responseId) {
        return store.find(responseId, owners.current()).orElseThrow(() -> notFound(responseId));
    }

    private static ApiException notFound(String responseId) {
        return new ApiException(HttpStatus.NOT_FOUND, "invalid_request_error", "response_not_found", "response_id",
                "Response with id '" + responseId + "' not found.", null);
    }

    private static int indexOf(List<ObjectNode> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).path("id").asString(null))) {
                return i;
            }
        }
        return -1;
    }

    /** One request's answer: a response object, or response events, in both cases stored once finished. */
    private final class Answer implements ClientAnswer {

        private final ResponsesCall call;
        private final String owner;
        private final String id = ResponseIds.response();
        private final long createdAt = clock.instant().getEpochSecond();

        Answer(ResponsesCall call, String owner) {
            this.call = call;
            this.owner = owner;
        }

        @Override
        public ClientStreamTranslator stream(ChatCall chat) {
            return new ResponsesStreamTranslator(json, call, ResponseObjects.inProgress(id, createdAt, chat.model(), call),
                    this::keep, clock);
        }

        @Override
        public ResponseEntity<Object> json(byte[] answer, ChatCall chat) {
            JsonNode completion = json.readTree(answer);
            ObjectNode finished = ResponsesJsonTranslator.translate(call,
                    ResponseObjects.inProgress(id, createdAt, chat.model(), call), completion, clock);
            keep(finished);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(finished);
        }

        private void keep(ObjectNode response) {
            if (!call.store()) {
                return;
            }
            long size = json.writeValueAsBytes(response).length;
            for (ObjectNode item : call.history()) {
                size += item.toString().length();
            }
            store.save(new StoredResponse(id, owner, response, call.history(), call.input(), size));
        }
    }
}
