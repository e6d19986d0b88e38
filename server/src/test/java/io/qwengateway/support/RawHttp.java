package io.qwengateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * HTTP/1.1 written byte for byte on a socket, for what a client library would tidy away: path parameters, escapes,
 * dot segments, control characters in headers, broken framing, odd methods and versions.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** What came back on the wire. */
    public record Answer(int status, String head, String body) {

        public JsonNode json() {
            return GatewayClient.parse(body);
        }

        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return head + "\r\n\r\n" + body;
        }
    }

    /** Sends {@code request} as given (ISO-8859-1, so every byte is what the string says) and reads until close. */
    public Answer send(String request) {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    public Answer send(byte[] request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return parse(readToEnd(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request line and headers with {@code Connection: close} added, then {@code body} with its length. */
    public Answer send(String method, String target, String headers, String body) {
        String framing = body == null ? "" : "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n";
        byte[] head = (method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + headers + framing
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return send(all);
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // A server that answers and then resets the connection: keep what arrived.
        }
        return out.toByteArray();
    }

    static Answer parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new IllegalStateException("Not an HTTP response: " + text);
        }
        String head = text.substring(0, end);
        String body = text.substring(end + 4);
        if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
            body = unchunk(body);
        }
        return new Answer(Integer.parseInt(head.substring(9, 12)), head, body);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            // Sizes count bytes: slice the UTF-8 bytes, not the characters.
            byte[] rest = chunked.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
            body.append(chunk);
            at = lineEnd + 2 + chunk.length() + 2;
        }
    }
}
