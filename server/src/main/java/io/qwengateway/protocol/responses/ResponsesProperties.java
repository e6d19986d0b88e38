package io.qwengateway.protocol.responses;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The Responses API: {@code gateway.responses.*}.
 *
 * @param store           where finished responses are kept for {@code previous_response_id} and
 *                        {@code GET /v1/responses/{id}}
 * @param replayReasoning send the text of {@code reasoning} input items back to Qwen as the following assistant
 *                        message's {@code reasoning_content} (Qwen keeps it as context with
 *                        {@code preserve_thinking}); off drops them
 * @param compaction      what Qwen is asked when Codex compacts remotely, and how a checkpoint comes back
 */
@Validated
@ConfigurationProperties("gateway.responses")
public record ResponsesProperties(@Valid Store store, boolean replayReasoning, Compaction compaction) {

    public ResponsesProperties {
        store = store == null ? new Store(null, null) : store;
        compaction = compaction == null ? Compaction.DEFAULT : compaction;
    }

    /**
     * @param ttl     how long a response stays readable after it finished (OpenAI keeps them 30 days; a gateway's
     *                memory is smaller, and Codex, the main user, sends {@code store: false} anyway)
     * @param maxSize the most memory all stored responses may take, estimated from their JSON; oldest go first
     */
    public record Store(@NotNull Duration ttl, @NotNull DataSize maxSize) {
        public Store {
            ttl = ttl == null ? Duration.ofHours(6) : ttl;
            maxSize = maxSize == null ? DataSize.ofMegabytes(64) : maxSize;
        }
    }
}
