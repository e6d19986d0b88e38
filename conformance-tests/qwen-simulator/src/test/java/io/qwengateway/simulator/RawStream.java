package io.qwengateway.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A streaming chat request over a plain socket, so a test controls exactly when the client stops reading and hangs
 * up (HTTP client libraries pool, buffer and retry behind the scenes).
 */
final class RawStream implements AutoCloseable {

    private final Socket socket;
    private final StringBuilder received = new StringBuilder();

    private RawStream(Socket socket) {
        this.socket = socket;
    }

    static RawStream open(QwenSimulator simulator, String bearer, String requestJson) throws IOException {
        URI uri = URI.create(simulator.baseUrl());
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(5_000);
        byte[] body = requestJson.getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                + "Authorization: Bearer " + bearer + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return new RawStream(socket);
    }

    /** Reads until at least {@code count} SSE data events have arrived. */
    void awaitEvents(int count) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (received.toString().split("data: ", -1).length - 1 < count) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("stream ended after: " + received);
            }
            received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
    }

    /** Everything received, once the stream is over (needs a stream that ends). */
    String readToEnd() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (!received.toString().endsWith("0\r\n\r\n")) {
            int read = in.read(buffer);
            if (read < 0) {
                break;
            }
            received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        }
        return received.toString();
    }

    /** Hangs up without reading the rest. */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
