package io.qwengateway.simulator.chat;

import io.qwengateway.simulator.http.ConnectionAbort;
import io.qwengateway.simulator.http.SimExchange;
import io.qwengateway.simulator.support.Json;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events with the exact framing OpenAI clients expect ({@code data: <compact json>\n\n}, a space after
 * the colon), each event flushed so that it leaves at once. An {@link IOException} from any write means the client
 * went away.
 *
 * <p>{@code whenOver} runs once, just before the last byte leaves (or the connection drops): a client that has read
 * the end of the stream must already see it counted as over, or stream counters would race with test assertions.
 */
final class StreamWriter {

    private final SimExchange exchange;
    private final Runnable whenOver;
    private OutputStream body;
    private boolean over;

    StreamWriter(SimExchange exchange, Runnable whenOver) {
        this.exchange = exchange;
        this.whenOver = whenOver;
    }

    /** Sends the 200 and the event-stream headers. */
    void start() throws IOException {
        body = exchange.startEventStream();
    }

    void data(JsonNode chunk) throws IOException {
        write("data: " + Json.compact(chunk) + "\n\n");
    }

    void done() throws IOException {
        write("data: [DONE]\n\n");
    }

    /** DashScope's error frame: a named event and a status comment, written without a space after the colons. */
    void errorEvent(int httpStatus, String errorJson) throws IOException {
        write("event:error\n:HTTP_STATUS/" + httpStatus + "\ndata:" + errorJson + "\n\n");
    }

    /** A clean end of the body (the terminating chunk), whatever was or was not said before. */
    void end() {
        markOver();
        exchange.close();
    }

    /** Drops the connection now: the client sees the body stop without the terminating chunk. */
    void cut() {
        markOver();
        throw new ConnectionAbort("stream cut on purpose");
    }

    /** Frees a stream that neither ended nor was cut (its client left, or the simulator is closing). */
    void abandon() {
        if (!over) {
            markOver();
            exchange.close();
        }
    }

    private void markOver() {
        if (!over) {
            over = true;
            whenOver.run();
        }
    }

    private void write(String frame) throws IOException {
        body.write(frame.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
