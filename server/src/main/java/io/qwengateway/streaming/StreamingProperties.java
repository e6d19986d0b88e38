package io.qwengateway.streaming;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Event streams to clients: {@code gateway.streaming.*}.
 *
 * @param heartbeatInterval      a {@code : keep-alive} comment after this much silence towards the client; keeps
 *                               proxies from closing the connection and reveals clients that went away
 * @param idleTimeout            longest silence of the upstream between two events (and between its response
 *                               headers and the first event); the stream then ends with an error event and the
 *                               upstream request is cancelled. Zero for no limit
 * @param timeout                longest a stream may last; zero for no limit (never Tomcat's 30-second default)
 * @param repairCumulativeDeltas turn DashScope's cumulative deltas (the whole text so far) back into suffixes
 * @param cumulativeMinimumPrefix shortest first delta from which a repeat counts as cumulative (guards against
 *                               short tokens that merely repeat)
 * @param namedErrorEvents       prefix error events with {@code event: error} (off: OpenAI's framing; on: for
 *                               LangChain4j, see
 *                               {@link io.qwengateway.protocol.chat.ChatStreamTranslator})
 * @param fastPath               chunks that no repair touches go on as the upstream's bytes, and events already
 *                               read are written with one flush; off: every chunk is parsed and re-written, and
 *                               flushed alone (the same bytes, slower; for comparison and as a way back)
 */
@Validated
@ConfigurationProperties("gateway.streaming")
public record StreamingProperties(
        @NotNull @DurationMin(millis = 1) Duration heartbeatInterval,
        @NotNull @DurationMin(millis = 0) Duration idleTimeout,
        Duration timeout,
        boolean repairCumulativeDeltas,
        int cumulativeMinimumPrefix,
        boolean namedErrorEvents,
        Boolean fastPath) {

    @ConstructorBinding
    public StreamingProperties {
        fastPath = fastPath == null || fastPath;
    }

    /** Without a fast-path setting: on. */
    public StreamingProperties(Duration heartbeatInterval, Duration idleTimeout, Duration timeout,
            boolean repairCumulativeDeltas, int cumulativeMinimumPrefix, boolean namedErrorEvents) {
        this(heartbeatInterval, idleTimeout, timeout, repairCumulativeDeltas, cumulativeMinimumPrefix, namedErrorEvents,
                true);
    }
}
