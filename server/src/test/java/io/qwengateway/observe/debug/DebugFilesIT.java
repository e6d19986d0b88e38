package io.qwengateway.observe.debug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.qwengateway.support.GatewayIntegrationTest;

/**
 * {@code DEBUG_LOG=true} with {@code LOG_FILE_LIMIT=3}: a file per request, the newest three kept, secrets masked.
 * Client keys are set here, so that requests carry one and the metrics route is seen to need one.
 */
@TestPropertySource(properties = { "DEBUG_LOG=true", "LOG_FILE_LIMIT=3",
        "gateway.web.client-api-keys=" + DebugFilesIT.CLIENT_KEY })
class DebugFilesIT extends GatewayIntegrationTest {

    static final String CLIENT_KEY = "sk-client-key-0123456789abcdef";
    private static final Path LOGS = temporaryDirectory();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void ownLogDirectory(DynamicPropertyRegistry registry) {
        registry.add("gateway.directories.logs", LOGS::toString);
    }

    @Test
    void tenRequestsLeaveTheNewestThreeFiles() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(requestId(chat("{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"n" + i
                    + "\"}]}", false)));
        }
        String last = ids.get(ids.size() - 1);
        // One thread writes the files in order, and deletes the oldest right after each: once the last is there,
        // the others are settled.
        await().atMost(WAIT).until(() -> files().stream().anyMatch(name -> name.contains(last)));

        assertThat(files()).hasSize(3);
        for (String id : ids.subList(7, 10)) {
            assertThat(files()).anyMatch(name -> name.endsWith("-" + id + ".log"));
        }
    }

    @Test
    void aDebugFileShowsTheExchangeAndNoTokenOrKey() throws IOException {
        String secretInBody = "sk-secret-in-the-body-0123456789";
        String id = requestId(chat("{\"model\":\"coder-model\",\"stream\":true,\"metadata\":{\"api_key\":\""
                + secretInBody + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", true));
        await().atMost(WAIT).until(() -> files().stream().anyMatch(name -> name.contains(id)));
        String file = Files.readString(LOGS.resolve(files().stream().filter(name -> name.contains(id)).findFirst()
                .orElseThrow()));

        assertThat(file).doesNotContain(CLIENT_KEY).doesNotContain(secretInBody)
                .doesNotContain(credentials.accessToken()).doesNotContain(credentials.refreshToken())
                .contains("Authorization: Bearer sk-c…cdef").contains("x-api-key: sk-c…cdef")
                .contains("\"api_key\":\"sk-s…6789\"")
                .containsPattern("estimate +\\d+ input tokens \\(raw \\d+")
                .containsPattern("usage +prompt \\d+, completion \\d+, cached \\d+, reasoning \\d+")
                .contains("=== client request\nPOST /v1/chat/completions")
                .contains("=== upstream request\nPOST /chat/completions")
                .contains("=== upstream response (events as they arrived)").contains("data:[DONE]")
                .contains("=== client response").contains("data: [DONE]");
    }

    @Test
    void prometheusNeedsAClientKeyAndTheHealthProbesDoNot() {
        assertThat(gateway.get("/actuator/prometheus").statusCode()).isEqualTo(401);
        assertThat(gateway.send(gateway.request("/actuator/prometheus").header("Authorization", "Bearer " + CLIENT_KEY)
                .GET().build()).statusCode()).isEqualTo(200);
        assertThat(gateway.get("/actuator/health").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> chat(String body, boolean stream) {
        HttpRequest.Builder request = gateway.request("/v1/chat/completions").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + CLIENT_KEY).header("x-api-key", CLIENT_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (stream) {
            request.header("Accept", "text/event-stream");
        }
        HttpResponse<String> response = gateway.send(request.build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    private static List<String> files() {
        try (Stream<Path> files = Files.list(LOGS)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".log")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("qwen-gateway-it-debug-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
