package io.qwengateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Random;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class HttpClientsConfigurationTest {

    @Test
    void bodiesAndHeaderLinesLongerThanTheConnectionBuffersGoThroughWhole() throws Exception {
        byte[] body = new byte[200_000];
        new Random(12).nextBytes(body);
        String longHeader = "v".repeat(HttpClientsConfiguration.CONNECTION_BUFFER_BYTES * 5);
        HttpServer echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        echo.createContext("/", exchange -> {
            byte[] received = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("X-Long", longHeader);
            exchange.sendResponseHeaders(200, 0); // chunked, as streams are
            exchange.getResponseBody().write(received);
            exchange.close();
        });
        echo.start();
        try (CloseableHttpClient http = new HttpClientsConfiguration()
                .upstreamHttpClient(ScriptedUpstream.PROPERTIES)) {
            HttpPost post = new HttpPost("http://127.0.0.1:" + echo.getAddress().getPort() + "/");
            post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));

            byte[][] answer = new byte[1][];
            String header = http.execute(post, response -> {
                answer[0] = EntityUtils.toByteArray(response.getEntity());
                return response.getFirstHeader("X-Long").getValue();
            });

            assertThat(header).isEqualTo(longHeader);
            assertThat(answer[0]).isEqualTo(body);
        } finally {
            echo.stop(0);
        }
    }
}
