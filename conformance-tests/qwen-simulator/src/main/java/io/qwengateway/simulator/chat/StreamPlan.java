package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.chat.ChatReply.ToolCall;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunk sequence of one streamed answer, in OpenAI order: the role chunk, reasoning, content, tool calls, and
 * the finish chunk. Built step by step so that broken streams can stop anywhere along the way.
 */
final class StreamPlan {

    /** How deltas are written: the clean OpenAI way, or one of the quirks the upstream has been seen to produce. */
    enum DeltaStyle {
        STANDARD,
        /** Each content delta carries all the text so far instead of the new part. */
        CUMULATIVE_CONTENT,
        /** Every tool call at index 0; calls after the first repeat type and name on every fragment. */
        COLLIDING_TOOL_CALLS
    }

    private static final int ARGUMENT_FRAGMENTS = 3;

    private final ChunkFactory chunks;
    private final DeltaStyle style;
    private final List<ObjectNode> events = new ArrayList<>();

    StreamPlan(ChunkFactory chunks, DeltaStyle style) {
        this.chunks = chunks;
        this.style = style;
        events.add(chunks.role());
    }

    StreamPlan reasoning(List<String> pieces) {
        pieces.forEach(piece -> events.add(chunks.reasoning(piece)));
        return this;
    }

    StreamPlan content(List<String> pieces) {
        StringBuilder soFar = new StringBuilder();
        for (String piece : pieces) {
            soFar.append(piece);
            events.add(chunks.content(style == DeltaStyle.CUMULATIVE_CONTENT ? soFar.toString() : piece));
        }
        return this;
    }

    StreamPlan toolCalls(List<ToolCall> calls) {
        boolean colliding = style == DeltaStyle.COLLIDING_TOOL_CALLS;
        for (int position = 0; position < calls.size(); position++) {
            ToolCall call = calls.get(position);
            int index = colliding ? 0 : position;
            String repeatedName = colliding && position > 0 ? call.name() : null;
            events.add(chunks.toolCallStart(index, call));
            for (String fragment : fragments(call.arguments())) {
                events.add(chunks.toolCallArguments(index, fragment, repeatedName));
            }
        }
        return this;
    }

    StreamPlan finish(String finishReason) {
        events.add(chunks.finish(finishReason));
        return this;
    }

    List<ObjectNode> events() {
        return List.copyOf(events);
    }

    /** Arguments arrive in a few fragments, cut anywhere (even inside a string), as real deltas are. */
    private static List<String> fragments(String arguments) {
        List<String> fragments = new ArrayList<>();
        int count = Math.min(ARGUMENT_FRAGMENTS, arguments.length());
        for (int fragment = 0; fragment < count; fragment++) {
            fragments.add(arguments.substring(
                    fragment * arguments.length() / count, (fragment + 1) * arguments.length() / count));
        }
        return fragments;
    }
}
