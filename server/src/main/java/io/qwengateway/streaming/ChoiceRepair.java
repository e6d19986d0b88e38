package io.qwengateway.streaming;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The repairs of one streamed choice: text deltas, tool calls, and the finish reason they imply. */
final class ChoiceRepair {

    private final CumulativeDeltaRepair content;
    private final CumulativeDeltaRepair reasoning;
    private final ToolCallRepair toolCalls;

    ChoiceRepair(StreamingProperties properties, ObjectMapper json) {
        this.content = new CumulativeDeltaRepair(properties.repairCumulativeDeltas(), properties.cumulativeMinimumPrefix());
        this.reasoning = new CumulativeDeltaRepair(properties.repairCumulativeDeltas(), properties.cumulativeMinimumPrefix());
        this.toolCalls = new ToolCallRepair(json);
    }

    /** A non-empty content delta would pass unchanged (and leave no state behind). */
    boolean contentSettled() {
        return content.settled();
    }

    /** A non-empty reasoning delta would pass unchanged (and leave no state behind). */
    boolean reasoningSettled() {
        return reasoning.settled();
    }

    /**
     * Whether these texts of a delta (null when absent or empty) and this finish reason (null when none) would pass
     * the repairs unchanged; they may still learn from them ({@link #passedUnchanged}).
     */
    boolean passesUnchanged(String contentText, String reasoningText, String finish) {
        return (contentText == null || content.passesUnchanged(contentText))
                && (reasoningText == null || reasoning.passesUnchanged(reasoningText))
                && (finish == null || finish.equals(finishReason(finish)));
    }

    /** What the repairs learn from texts that {@link #passesUnchanged} let go on as they came. */
    void passedUnchanged(String contentText, String reasoningText) {
        if (contentText != null) {
            content.repair(contentText);
        }
        if (reasoningText != null) {
            reasoning.repair(reasoningText);
        }
    }

    void repairDelta(ObjectNode delta) {
        repairText(delta, "content", content);
        repairText(delta, "reasoning_content", reasoning);
        if (delta.get("tool_calls") instanceof ArrayNode calls) {
            toolCalls.repair(calls);
        }
    }

    /**
     * Tool calls end with {@code tool_calls}, not Qwen's occasional {@code stop}; calls whose arguments were cut off
     * end with {@code length}, so that clients do not run a tool with half its arguments.
     */
    String finishReason(String upstreamReason) {
        if (!toolCalls.any()) {
            return upstreamReason;
        }
        if (toolCalls.anyTruncated()) {
            return "length";
        }
        return "stop".equals(upstreamReason) ? "tool_calls" : upstreamReason;
    }

    private static void repairText(ObjectNode delta, String field, CumulativeDeltaRepair repair) {
        JsonNode text = delta.get(field);
        if (text != null && text.isString()) {
            delta.put(field, repair.repair(text.asString()));
        }
    }
}
