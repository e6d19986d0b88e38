package io.qwengateway.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;

/**
 * WebSocket upgrades (OpenAI's Responses WebSocket mode) are refused with 426, so that Codex falls back to HTTP at
 * once.
 */
class WebSocketUpgradeIT extends GatewayIntegrationTest {

    @Test
    void aWebSocketUpgradeOfResponsesIsRefusedWith426InTheOpenAiEnvelope() throws IOException {
        // Over a plain socket: Java's HTTP clients refuse to send an Upgrade header.
        String answer = raw("GET /v1/responses HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\n"
                + "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Authorization: Bearer sk-any\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 426");
        assertThat(answer.toLowerCase()).contains("content-type: application/json");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertThat(GatewayClient.parse(body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1))
                .path("error").path("code").asString()).isEqualTo("websocket_not_supported");
    }

    /** The JDK client sends {@code Upgrade: h2c} with a GET: only WebSocket is refused so. */
    @Test
    void aPlainGetOfResponsesIsStillTheWrongMethod() {
        assertThat(gateway.get("/v1/responses").statusCode()).isEqualTo(405);
    }

    private String raw(String request) throws IOException {
        URI uri = URI.create(gateway.baseUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            // Until the JSON body is complete (the connection may stay open).
            while (!answer.toString().contains("\r\n\r\n") || !answer.toString().trim().endsWith("}")
                    && !answer.toString().trim().endsWith("0")) {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            return answer.toString();
        }
    }
}
