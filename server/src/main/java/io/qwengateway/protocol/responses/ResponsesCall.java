package io.qwengateway.protocol.responses;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code POST /v1/responses} translated for the upstream, with what the answer's translation needs.
 *
 * @param client           the request as the client sent it (echoed in the response object)
 * @param chat             the upstream Chat Completions request, before model resolution and the Qwen adjustments
 * @param tools            the client's tool names and kinds behind the upstream function names
 * @param history          every item of the conversation so far (earlier turns and this input), each with an id
 * @param input            this request's own input items, each with an id
 * @param streaming        {@code stream: true}
 * @param store            keep the finished response ({@code store}, true unless the client said false)
 * @param reasoningSummary the client asked for a reasoning summary ({@code reasoning.summary}): Qwen's reasoning
 *                         text is then sent as the summary, otherwise as reasoning content
 * @param compaction       the input ends with Codex's {@code compaction_trigger}: the answer is one
 *                         {@code compaction} item ({@link Compaction})
 */
public record ResponsesCall(ObjectNode client, ObjectNode chat, ToolNames tools, List<ObjectNode> history,
        List<ObjectNode> input, boolean streaming, boolean store, boolean reasoningSummary, boolean compaction) {

    public ResponsesCall {
        history = List.copyOf(history);
        input = List.copyOf(input);
    }
}
