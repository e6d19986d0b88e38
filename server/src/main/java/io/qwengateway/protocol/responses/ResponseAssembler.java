package io.qwengateway.protocol.responses;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qwengateway.errors.ApiException;
import io.qwengateway.protocol.ChatOutput;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a response object from what the model produced (reasoning, text, tool calls, the finish reason, usage) and
 * reports each step as the Responses API's stream events. The stream translator feeds it delta by delta; a JSON
 * answer is fed once, whole, with its events discarded: one place decides the output items for both paths.
 *
 * <p>Items follow each other as the model produced them: reasoning, then a message or function calls. A change of
 * kind closes the open item ({@code .done} events carry the full text), and the end closes whatever is still open.
 */
final class ResponseAssembler implements ChatOutput.Sink {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Receives each event: its type and its fields (the sink adds {@code type} and {@code sequence_number}). */
    interface Events {
        void emit(String type, ObjectNode fields);

        Events NONE = (type, fields) -> {
        };
    }

    private final ObjectNode response;
    private final ToolNames tools;
    private final boolean reasoningAsSummary;
    /** Codex's remote compaction ({@link Compaction}): the text is the summary, answered as one checkpoint item. */
    private final boolean compaction;
    private final StringBuilder summary = new StringBuilder();
    private final Events events;
    private final Clock clock;
    private final ArrayNode output = NODES.arrayNode();
    private Reasoning reasoning;
    private Message message;
    private final Map<Integer, Call> calls = new LinkedHashMap<>();
    private String finishReason;
    private JsonNode usage;

    /**
     * @param response           the response object so far (see {@link ResponseObjects#inProgress}); completed here
     * @param call               what was asked: the tools' client names, whether reasoning goes out as a summary
     *                           (the client asked for one) rather than as content, whether this is a compaction
     */
    ResponseAssembler(ObjectNode response, ResponsesCall call, Events events, Clock clock) {
        this.response = response;
        this.tools = call.tools();
        this.reasoningAsSummary = call.reasoningSummary();
        this.compaction = call.compaction();
        this.events = events;
        this.clock = clock;
        response.set("output", output);
    }

    String id() {
        return response.path("id").asString();
    }

    void start() {
        events.emit("response.created", responseEvent());
        events.emit("response.in_progress", responseEvent());
    }

    @Override
    public void reasoning(String delta) {
        if (delta == null || delta.isEmpty() || compaction) {
            return;
        }
        closeMessage(false);
        closeCalls(false);
        if (reasoning == null) {
            reasoning = new Reasoning(open("rs", reasoningItem("in_progress", null)));
            if (reasoningAsSummary) {
                events.emit("response.reasoning_summary_part.added", reasoning.at().put("summary_index", 0)
                        .set("part", summaryPart("")));
            } else {
                events.emit("response.content_part.added", reasoning.at().put("content_index", 0)
                        .set("part", reasoningPart("")));
            }
        }
        reasoning.text.append(delta);
        events.emit(reasoningAsSummary ? "response.reasoning_summary_text.delta" : "response.reasoning_text.delta",
                reasoning.at().put(reasoningAsSummary ? "summary_index" : "content_index", 0).put("delta", delta));
    }

    @Override
    public void text(String delta) {
        if (delta == null || delta.isEmpty()) {
            return;
        }
        if (compaction) {
            summary.append(delta);
            return;
        }
        closeReasoning(false);
        closeCalls(false);
        if (message == null) {
            ObjectNode item = NODES.objectNode();
            item.put("type", "message");
            item.put("status", "in_progress");
            item.putArray("content");
            item.put("role", "assistant");
            message = new Message(open("msg", item));
            events.emit("response.content_part.added", message.at().put("content_index", 0).set("part", textPart("")));
        }
        message.text.append(delta);
        events.emit("response.output_text.delta", message.at().put("content_index", 0).put("delta", delta)
                .set("logprobs", NODES.arrayNode()));
    }

    /**
     * A fragment of a tool call, as repaired below the protocol: the first fragment of each call carries its id and
     * name, later ones only argument text.
     */
    @Override
    public void toolCall(int index, String callId, String upstreamName, String argumentsDelta) {
        if (compaction) {
            return;
        }
        closeReasoning(false);
        closeMessage(false);
        Call call = calls.get(index);
        if (call == null) {
            ToolNames.Tool tool = tools.clientTool(upstreamName);
            ObjectNode item = NODES.objectNode();
            boolean custom = tool.kind() == ToolNames.Kind.CUSTOM;
            item.put("type", custom ? "custom_tool_call" : "function_call");
            item.put("status", "in_progress");
            if (custom) {
                item.put("input", "");
            } else {
                item.put("arguments", "");
            }
            item.put("call_id", callId != null ? callId : ResponseIds.item("call"));
            item.put("name", tool.name());
            if (tool.namespace() != null) {
                item.put("namespace", tool.namespace());
            }
            call = new Call(open(custom ? "ctc" : "fc", item), tool);
            calls.put(index, call);
        }
        if (argumentsDelta == null || argumentsDelta.isEmpty()) {
            return;
        }
        call.arguments.append(argumentsDelta);
        if (call.tool.kind() == ToolNames.Kind.FUNCTION) {
            events.emit("response.function_call_arguments.delta", call.at().put("delta", argumentsDelta));
        }
    }

    @Override
    public void finishReason(String reason) {
        this.finishReason = reason;
    }

    @Override
    public void usage(JsonNode chatUsage) {
        if (chatUsage != null && chatUsage.isObject()) {
            this.usage = chatUsage;
        }
    }

    /** The model finished: closes the open items and the response; {@code length} makes it incomplete. */
    ObjectNode complete() {
        String incompleteReason = switch (finishReason == null ? "" : finishReason) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
        boolean incomplete = incompleteReason != null;
        if (compaction) {
            checkpoint();
        }
        closeReasoning(incomplete);
        closeMessage(incomplete);
        closeCalls(incomplete);
        if (incomplete) {
            response.put("status", "incomplete");
            response.putObject("incomplete_details").put("reason", incompleteReason);
        } else {
            response.put("status", "completed");
            response.put("completed_at", clock.instant().getEpochSecond());
        }
        if (usage != null) {
            response.set("usage", ResponseObjects.usage(usage));
        }
        events.emit(incomplete ? "response.incomplete" : "response.completed", responseEvent());
        return response;
    }

    /** The stream failed after it started: the response ends {@code failed}, carrying the error. */
    ObjectNode fail(ApiException error) {
        response.put("status", "failed");
        ObjectNode failure = response.putObject("error");
        failure.put("code", ResponseObjects.errorCode(error));
        failure.put("message", error.getMessage());
        events.emit("response.failed", responseEvent());
        return response;
    }

    /** The compaction's one output item, carrying the summary as its checkpoint. */
    private void checkpoint() {
        ObjectNode item = NODES.objectNode();
        item.put("type", "compaction");
        OpenItem open = open("cmp", item);
        ObjectNode finished = open.item().deepCopy();
        finished.put("encrypted_content", Compaction.checkpoint(summary.toString()));
        done(open, finished);
    }

    private ObjectNode responseEvent() {
        ObjectNode fields = NODES.objectNode();
        fields.set("response", response.deepCopy());
        return fields;
    }

    /** Adds an item to the output, announces it, and returns where it sits. */
    private OpenItem open(String idPrefix, ObjectNode item) {
        ObjectNode withId = NODES.objectNode();
        withId.put("id", ResponseIds.item(idPrefix));
        withId.setAll(item);
        OpenItem open = new OpenItem(withId.path("id").asString(), output.size(), withId);
        output.add(withId);
        ObjectNode added = NODES.objectNode();
        added.put("output_index", open.outputIndex);
        added.set("item", withId.deepCopy());
        events.emit("response.output_item.added", added);
        return open;
    }

    private void closeReasoning(boolean incomplete) {
        if (reasoning == null) {
            return;
        }
        String text = reasoning.text.toString();
        if (reasoningAsSummary) {
            events.emit("response.reasoning_summary_text.done", reasoning.at().put("summary_index", 0).put("text", text));
            events.emit("response.reasoning_summary_part.done", reasoning.at().put("summary_index", 0)
                    .set("part", summaryPart(text)));
        } else {
            events.emit("response.reasoning_text.done", reasoning.at().put("content_index", 0).put("text", text));
            events.emit("response.content_part.done", reasoning.at().put("content_index", 0)
                    .set("part", reasoningPart(text)));
        }
        ObjectNode item = NODES.objectNode();
        item.put("id", reasoning.item.id());
        item.setAll(reasoningItem(incomplete ? "incomplete" : "completed", text));
        done(reasoning.item, item);
        reasoning = null;
    }

    private void closeMessage(boolean incomplete) {
        if (message == null) {
            return;
        }
        String text = message.text.toString();
        events.emit("response.output_text.done", message.at().put("content_index", 0).put("text", text)
                .set("logprobs", NODES.arrayNode()));
        events.emit("response.content_part.done", message.at().put("content_index", 0).set("part", textPart(text)));
        ObjectNode item = message.item.item.deepCopy();
        item.put("status", incomplete ? "incomplete" : "completed");
        item.putArray("content").add(textPart(text));
        done(message.item, item);
        message = null;
    }

    private void closeCalls(boolean incomplete) {
        for (Call call : calls.values()) {
            String arguments = call.arguments.toString();
            ObjectNode item = call.item.item.deepCopy();
            item.put("status", incomplete ? "incomplete" : "completed");
            if (call.tool.kind() == ToolNames.Kind.CUSTOM) {
                String input = ResponseObjects.customInput(arguments);
                events.emit("response.custom_tool_call_input.delta", call.at().put("delta", input));
                events.emit("response.custom_tool_call_input.done", call.at().put("input", input));
                item.put("input", input);
            } else {
                events.emit("response.function_call_arguments.done", call.at().put("name", call.tool.name())
                        .put("arguments", arguments));
                item.put("arguments", arguments);
            }
            done(call.item, item);
        }
        calls.clear();
    }

    private void done(OpenItem open, ObjectNode finished) {
        output.set(open.outputIndex, finished);
        ObjectNode event = NODES.objectNode();
        event.put("output_index", open.outputIndex);
        event.set("item", finished.deepCopy());
        events.emit("response.output_item.done", event);
    }

    private ObjectNode reasoningItem(String status, String text) {
        ObjectNode item = NODES.objectNode();
        item.put("type", "reasoning");
        ArrayNode summary = item.putArray("summary");
        if (text != null && reasoningAsSummary) {
            summary.add(summaryPart(text));
        }
        if (text != null && !reasoningAsSummary) {
            item.putArray("content").add(reasoningPart(text));
        }
        item.put("status", status);
        return item;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = NODES.objectNode();
        part.put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        part.put("text", text);
        return part;
    }

    private static ObjectNode summaryPart(String text) {
        return NODES.objectNode().put("type", "summary_text").put("text", text);
    }

    private static ObjectNode reasoningPart(String text) {
        return NODES.objectNode().put("type", "reasoning_text").put("text", text);
    }

    /** An item in the output: its id and position, and the item as first announced. */
    private record OpenItem(String id, int outputIndex, ObjectNode item) {

        ObjectNode at() {
            ObjectNode fields = NODES.objectNode();
            fields.put("item_id", id);
            fields.put("output_index", outputIndex);
            return fields;
        }
    }

    private record Reasoning(OpenItem item, StringBuilder text) {
        Reasoning(OpenItem item) {
            this(item, new StringBuilder());
        }

        ObjectNode at() {
            return item.at();
        }
    }

    private record Message(OpenItem item, StringBuilder text) {
        Message(OpenItem item) {
            this(item, new StringBuilder());
        }

        ObjectNode at() {
            return item.at();
        }
    }

    private record Call(OpenItem item, ToolNames.Tool tool, StringBuilder arguments) {
        Call(OpenItem item, ToolNames.Tool tool) {
            this(item, tool, new StringBuilder());
        }

        ObjectNode at() {
            return item.at();
        }
    }
}
