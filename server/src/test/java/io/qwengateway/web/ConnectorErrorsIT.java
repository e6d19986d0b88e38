package io.qwengateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.apache.coyote.RequestGroupInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import io.qwengateway.support.GatewayIntegrationTest;
import io.qwengateway.support.RawHttp;
import io.qwengateway.support.RawHttp.Answer;
import tools.jackson.databind.JsonNode;

/**
 * What Tomcat refuses before Spring MVC sees it, written byte for byte: every refusal is a 4xx (or 501/505) in
 * OpenAI's envelope, never an HTML page or a 500; no header value reaches the log; a client that trickles its headers
 * is cut off at the header timeout.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectorErrorsIT extends GatewayIntegrationTest {

    private static final String CHAT = "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @LocalServerPort
    private int port;

    @Autowired
    private ServletWebServerApplicationContext context;

    private RawHttp raw;

    @BeforeEach
    void rawSocket() {
        raw = new RawHttp(port);
    }

    static Stream<Arguments> malformedRequests() {
        String close = "Connection: close\r\n\r\n";
        StringBuilder manyHeaders = new StringBuilder("GET /health HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 120; i++) {
            manyHeaders.append("X-Header-").append(i).append(": v\r\n");
        }
        return Stream.of(
                Arguments.of("an encoded slash in the path", "GET /auth/qr/a%2fb.png HTTP/1.1\r\nHost: x\r\n" + close, 400),
                Arguments.of("an encoded backslash", "GET /v1%5cmodels HTTP/1.1\r\nHost: x\r\n" + close, 400),
                Arguments.of("a header over 8 KB", "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000)
                        + "\r\n" + close, 400),
                Arguments.of("more than 100 headers", manyHeaders + close, 400),
                Arguments.of("a Content-Length that is no number", "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: abc\r\n" + close, 400),
                Arguments.of("two different Content-Lengths", "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: 5\r\nContent-Length: 7\r\n" + close + "{}", 400),
                Arguments.of("an unknown Transfer-Encoding", "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: gzip\r\n" + close, 501),
                Arguments.of("the CONNECT method", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n" + close,
                        501),
                Arguments.of("an unsupported HTTP version", "GET /health HTTP/1.7\r\nHost: x\r\n\r\n", 505),
                Arguments.of("a control character in a header", "GET /health HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n"
                        + close, 400),
                Arguments.of("a space in the request target", "GET /he alth HTTP/1.1\r\nHost: x\r\n" + close, 400),
                Arguments.of("a broken chunk size", "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n" + close + "zz\r\n{}\r\n0\r\n\r\n",
                        400),
                Arguments.of("a bad %-escape in a path parameter", "GET /health;%zz HTTP/1.1\r\nHost: x\r\n" + close,
                        400),
                Arguments.of("a bad %-escape in the path", "GET /v1/models/%zz HTTP/1.1\r\nHost: x\r\n" + close, 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aRequestTomcatRefusesIsAnsweredInOpenAisEnvelope(String what, String request, int status) {
        Answer answer = raw.send(request);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertEnvelope(answer);
    }

    @Test
    void aChunkedBodyWithManyTrailerFieldsIsNeverAServerError() {
        StringBuilder request = new StringBuilder("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        request.append(Integer.toHexString(CHAT.length())).append("\r\n").append(CHAT).append("\r\n0\r\n");
        for (int i = 0; i < 12; i++) {
            request.append("X-Trailer-").append(i).append(": v\r\n");
        }
        Answer answer = raw.send(request.append("\r\n").toString());

        // Tomcat 11.0.22 refuses more than 8 trailer fields (an IllegalStateException); later versions accept them.
        assertThat(answer.status()).as(answer.toString()).isIn(200, 400);
        if (answer.status() == 400) {
            assertEnvelope(answer);
        }
    }

    @Test
    void newConnectionsAreNotRegisteredForJmxWhileTheMBeanRegistryIsOff() {
        for (int i = 0; i < 3; i++) {
            assertThat(raw.send("GET", "/health", "", null).status()).isEqualTo(200);
        }

        HeaderTimeoutProtocol protocol = (HeaderTimeoutProtocol) ((TomcatWebServer) context.getWebServer()).getTomcat()
                .getConnector().getProtocolHandler();
        // Registering a processor is what adds its statistics to the connector's group: none joined it.
        assertThat(((RequestGroupInfo) protocol.getHandler().getGlobal()).getRequestCount()).isZero();
    }

    @Test
    void theErrorPathAskedForDirectlyIsAnUnknownUrl() {
        Answer answer = raw.send("GET", "/error", "", null);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(assertEnvelope(answer).path("code").asString()).isEqualTo("unknown_url");
    }

    @Test
    void noHeaderValueReachesTheLogEvenFromARequestTomcatRefuses(CapturedOutput output) {
        String secret = "sk-never-logged-" + System.nanoTime();

        Answer badValue = raw.send("GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret
                + "\u0001\r\nConnection: close\r\n\r\n");
        Answer badName = raw.send("GET /v1/models HTTP/1.1\r\nHost: x\r\nX Api Key: " + secret
                + "\r\nConnection: close\r\n\r\n");
        Answer badEnd = raw.send("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + secret
                + "\rx\r\nConnection: close\r\n\r\n");

        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badEnd.status()).isEqualTo(400);
        assertThat(badValue.body() + badName.body() + badEnd.body()).doesNotContain(secret);
        assertThat(output.getAll()).doesNotContain(secret);
    }

    @Test
    void aClientTricklingItsHeadersIsCutOffAtTheHeaderTimeout() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            // One byte every 100 ms restarts Tomcat's 60-second read timeout each time: only the header deadline
            // can end this. Give up long before the read timeout, at 10 header timeouts.
            long giveUpAt = System.nanoTime() + 10 * HEADER_TIMEOUT.toNanos();
            boolean closedByServer = false;
            while (!closedByServer && System.nanoTime() < giveUpAt) {
                try {
                    out.write('a');
                    out.flush();
                    closedByServer = in.read() == -1;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // nothing to read yet: the connection is still held
                } catch (SocketException reset) {
                    closedByServer = true;
                }
            }
            assertThat(closedByServer).as("the gateway closed the trickling connection").isTrue();
        }
        assertThat(gateway.get("/health").statusCode()).as("and keeps serving others").isEqualTo(200);
    }

    @Test
    void anIdleKeepAliveConnectionIsNotCutOffByTheHeaderTimeout() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponseHead(socket.getInputStream())).startsWith("HTTP/1.1 200");

            // Idle for longer than the header timeout: keep-alive idleness is Tomcat's keepAliveTimeout's business.
            Thread.sleep(HEADER_TIMEOUT.toMillis() * 2);

            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponseHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
        }
    }

    /** Reads one /health response, which is chunked, up to its last chunk. */
    private static String readResponseHead(InputStream in) throws IOException {
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n0\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            response.append((char) b);
        }
        return response.toString();
    }

    private static JsonNode assertEnvelope(Answer answer) {
        assertThat(answer.header("Content-Type")).as(answer.toString()).startsWith("application/json");
        assertThat(answer.header("x-request-id")).isNotBlank();
        assertThat(answer.body()).doesNotContain("<html", "Exception", "Tomcat", "java.");
        JsonNode error = answer.json().path("error");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
        return error;
    }
}
