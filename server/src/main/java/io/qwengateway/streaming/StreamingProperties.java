package io.qwengateway.streaming;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Event streams to clients: {@code gateway.streaming.*}.
 *
 * @param heartbeatInterval      a {@code : keep-alive} comment after this much silence; keeps proxies from closing
 *                               the connection and reveals clients that went away
 * @param timeout                longest a stream may last; zero for no limit (never Tomcat's 30-second default)
 * @param repairCumulativeDeltas turn DashScope's cumulative deltas (the whole text so far) back into suffixes
 * @param cumulativeMinimumPrefix shortest first delta from which a repeat counts as cumulative (guards against
 *                               short tokens that merely repeat)
 * @param namedErrorEvents       prefix error events with {@code event: error} (off: OpenAI's framing; on: for
 *                               LangChain4j, see
 *                               {@link io.qwengateway.protocol.chat.ChatStreamTranslator})
 */
@ConfigurationProperties("gateway.streaming")
public record StreamingProperties(Duration heartbeatInterval, Duration timeout, boolean repairCumulativeDeltas,
        int cumulativeMinimumPrefix, boolean namedErrorEvents) {
}
