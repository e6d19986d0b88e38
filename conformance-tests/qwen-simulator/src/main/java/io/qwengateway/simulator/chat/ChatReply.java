package io.qwengateway.simulator.chat;

import java.util.List;

/**
 * What the simulated assistant answers, before it is rendered as one JSON body or as a stream of chunks.
 *
 * @param reasoning    thinking text, or null when there is none
 * @param content      answer text, possibly empty (tool calls)
 * @param finishReason null for an answer that never says how it ended
 */
record ChatReply(String reasoning, String content, List<ToolCall> toolCalls, String finishReason, Usage usage) {

    record ToolCall(String id, String name, String arguments) {
    }

    record Usage(int promptTokens, int completionTokens, int cachedTokens) {

        int totalTokens() {
            return promptTokens + completionTokens;
        }
    }

    ChatReply {
        toolCalls = List.copyOf(toolCalls);
    }

    ChatReply withContent(String newContent) {
        return new ChatReply(reasoning, newContent, toolCalls, finishReason, usage);
    }

    ChatReply withFinishReason(String newFinishReason) {
        return new ChatReply(reasoning, content, toolCalls, newFinishReason, usage);
    }
}
