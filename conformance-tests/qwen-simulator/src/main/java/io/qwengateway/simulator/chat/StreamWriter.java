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
 */
final class StreamWriter {

    private final SimExchange exchange;
    private final OutputStream body;

    private StreamWriter(SimExchange exchange, OutputStream body) {
        this.exchange = exchange;
        this.body = body;
    }

    /** Sends the 200 and the event-stream headers. */
    static StreamWriter open(SimExchange exchange) throws IOException {
        return new StreamWriter(exchange, exchange.startEventStream());
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
        exchange.close();
    }

    /** Drops the connection now: the client sees the body stop without the terminating chunk. */
    void cut() {
        throw new ConnectionAbort("stream cut on purpose");
    }

    private void write(String frame) throws IOException {
        body.write(frame.getBytes(StandardCharsets.UTF_8));
        body.flush();
    }
}
