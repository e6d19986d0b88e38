package io.qwengateway.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.qwengateway.simulator.ChatBehaviour;
import io.qwengateway.simulator.RecordedRequest;
import io.qwengateway.support.GatewayClient;
import io.qwengateway.support.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * What the operator sees of real traffic, the same for every protocol: the request line, the context check and the
 * clamp, the usage history behind {@code /admin/usage}, the error log and the metrics. Calibration is off, so that
 * estimates are the tokenizer's own and the limits below are met exactly where the text puts them.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "gateway.tokens.calibration.enabled=false",
        "gateway.limits.models.coder-model.input-tokens=5000",
        "gateway.limits.soft-input-tokens=2000",
        "gateway.admin.key=" + OperatorViewIT.ADMIN_KEY,
        "gateway.usage.flush-interval=50ms",
        "gateway.usage.time-zone=UTC" })
class OperatorViewIT extends GatewayIntegrationTest {

    static final String ADMIN_KEY = "admin-key-for-the-operator-tests";
    private static final Path LOGS = temporaryDirectory();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @DynamicPropertySource
    static void ownLogDirectory(DynamicPropertyRegistry registry) {
        registry.add("gateway.directories.logs", LOGS::toString);
    }

    @Test
    void theRequestLineTellsEachRequestAndHasNoColourCodesOffATerminal(CapturedOutput output) {
        HttpResponse<String> json = gateway.postJson("/v1/chat/completions", chat("Hello there", ""));
        HttpResponse<String> stream = gateway.postStream("/v1/chat/completions",
                chat("Stream to me", ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        JsonNode usage = GatewayClient.parse(json.body()).path("usage");
        String jsonLine = requestLine(output, json);
        assertThat(jsonLine).contains("[" + requestId(json) + "]")
                .contains("openai /v1/chat/completions model=coder-model upstream=default stream=false est=")
                .contains(" prompt=" + usage.path("prompt_tokens").asLong() + " completion="
                        + usage.path("completion_tokens").asLong() + " cached=")
                .containsPattern("status=200 ok latency=\\d+\\.\\dms ttft=-$");
        assertThat(requestLine(output, stream)).contains("stream=true")
                .containsPattern("prompt=\\d+ completion=\\d+").containsPattern("status=200 ok latency=\\S+ ttft=\\d");
        assertThat(output.getOut()).doesNotContain("\u001b[");
    }

    @Test
    void aRequestTooLongForTheModelIsRefusedBeforeAnyUpstreamCall(CapturedOutput output) {
        int before = sim.chatRequestCount();

        HttpResponse<String> openai = gateway.postJson("/v1/chat/completions", chat(words(6000), ""));
        HttpResponse<String> anthropic = gateway.send(gateway.request("/v1/messages")
                .header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
                .header("x-api-key", "any-key").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\","
                                + "\"content\":\"" + words(6000) + "\"}]}")).build());

        assertThat(openai.statusCode()).isEqualTo(400);
        JsonNode error = GatewayClient.parse(openai.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("context_length_exceeded");
        assertThat(error.path("message").asString()).contains("maximum context length is 5000 tokens")
                .containsPattern("about 60\\d\\d tokens");
        assertThat(anthropic.statusCode()).isEqualTo(400);
        JsonNode anthropicError = GatewayClient.parse(anthropic.body());
        assertThat(anthropicError.path("type").asString()).isEqualTo("error");
        assertThat(anthropicError.path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(anthropicError.path("error").path("message").asString()).contains("5000 tokens");
        assertThat(sim.chatRequestCount()).as("requests the simulator saw").isEqualTo(before);
        assertThat(requestLine(output, openai)).contains("status=400 client_error error=context_length_exceeded");
        // LOG_LEVEL=error, the default: the failed request is in the error log, its client key masked
        await().atMost(WAIT).until(() -> errorLog().contains(requestId(openai)));
        assertThat(errorLog()).contains("Authorization: Bearer ****").contains("context_length_exceeded");
    }

    @Test
    void aRequestAboveTheSoftLimitGoesOnAndItsLineWarns(CapturedOutput output) {
        HttpResponse<String> response = gateway.postJson("/v1/chat/completions", chat(words(3000), ""));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(requestLine(output, response)).contains(" WARN ").containsPattern(
                "warning: input ~30\\d\\d tokens is above the soft limit of 2000 \\(gateway.limits.soft-input-tokens\\)");
    }

    @Test
    void aLongNewTextCountedWhileItsRequestGoesUpstreamStillHasItsEstimateAndWarning(CapturedOutput output) {
        // 2,200 tokens of one letter each in 4,399 bytes: within the 5,000-token limit by its bytes alone, so the
        // request goes upstream before the text is counted, and the count comes after.
        HttpResponse<String> json = gateway.postJson("/v1/chat/completions", chat("a ".repeat(2200).strip(), ""));
        HttpResponse<String> stream = gateway.send(gateway.request("/v1/messages")
                .header("Content-Type", "application/json").header("anthropic-version", "2023-06-01")
                .header("x-api-key", "any-key").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,\"messages\":[{\"role\":"
                                + "\"user\",\"content\":\"" + "b ".repeat(2200).strip() + "\"}]}")).build());

        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(requestLine(output, json)).containsPattern(" est=220\\d ").containsPattern(
                "warning: input ~220\\d tokens is above the soft limit of 2000");
        assertThat(stream.statusCode()).isEqualTo(200);
        String messageStart = stream.body().lines().filter(line -> line.startsWith("data:"))
                .filter(line -> line.contains("\"message_start\"")).findFirst().orElseThrow();
        assertThat(GatewayClient.parse(messageStart.substring(5)).path("message").path("usage")
                .path("input_tokens").asLong()).isBetween(2200L, 2220L);
        assertThat(requestLine(output, stream)).containsPattern(" est=22\\d\\d ");
    }

    @Test
    void aLongNewTextWhoseUpstreamFailsKeepsItsCountAndWarningOnTheLine(CapturedOutput output) {
        sim.enqueueChat(ChatBehaviour.status(400, """
                {"error":{"message":"Range of input length should be [1, 2000]","type":"invalid_request_error"}}"""));

        HttpResponse<String> failed = gateway.postJson("/v1/chat/completions", chat("c ".repeat(2200).strip(), ""));

        assertThat(failed.statusCode()).isEqualTo(400);
        assertThat(requestLine(output, failed)).containsPattern(" est=220\\d ").contains("status=400")
                .containsPattern("warning: input ~220\\d tokens is above the soft limit of 2000");
    }

    @Test
    void maxTokensAboveTheModelsOutputLimitAreClampedAndTheLineSaysSo(CapturedOutput output) {
        HttpResponse<String> clamped = gateway.postJson("/v1/chat/completions", chat("Hi", ",\"max_tokens\":100000"));
        assertThat(lastChatRequest().jsonBody().path("max_tokens").asLong()).isEqualTo(65536);
        assertThat(requestLine(output, clamped)).contains("adjusted: max_tokens 100000→65536");

        HttpResponse<String> zero = gateway.postJson("/v1/responses",
                "{\"model\":\"coder-model\",\"input\":\"Hi\",\"max_output_tokens\":0}");
        assertThat(lastChatRequest().jsonBody().path("max_tokens").toString()).isEqualTo("0");
        assertThat(requestLine(output, zero)).doesNotContain("adjusted");
    }

    @Test
    void streamedAndJsonCallsInTwoProtocolsAddUpInTheUsageHistory() {
        JsonNode before = todaysUsage();

        gateway.postJson("/v1/chat/completions", chat("One", ""));
        gateway.postStream("/v1/chat/completions", chat("Two", ",\"stream\":true"));
        anthropic("Three", false);
        anthropic("Four", true);

        await().atMost(WAIT).until(() -> todaysUsage().path("requests").asLong()
                == before.path("requests").asLong() + 4);
        JsonNode after = todaysUsage();
        assertThat(after.path("input_tokens").asLong()).isGreaterThan(before.path("input_tokens").asLong() + 4);
        assertThat(after.path("output_tokens").asLong()).isGreaterThan(before.path("output_tokens").asLong());
        assertThat(after.path("failures").asLong()).isEqualTo(before.path("failures").asLong());
    }

    @Test
    void theUsageRouteNeedsTheAdminKeyAndProperDates() {
        assertThat(gateway.get("/admin/usage").statusCode()).isEqualTo(401);
        HttpResponse<String> badDate = admin("/admin/usage?from=yesterday");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.parse(badDate.body()).path("error").path("param").asString()).isEqualTo("from");
    }

    @Test
    void withoutRedisTheUsageIsThisGatewaysAsAlwaysAndNoClusterIsReported() {
        HttpResponse<String> usage = admin("/admin/usage");
        assertThat(usage.statusCode()).isEqualTo(200);
        assertThat(GatewayClient.parse(usage.body()).propertyNames())
                .containsExactlyInAnyOrder("object", "from", "to", "time_zone", "data", "total");
        HttpResponse<String> cluster = admin("/admin/usage?scope=cluster");
        assertThat(cluster.statusCode()).isEqualTo(400);
        assertThat(GatewayClient.parse(cluster.body()).path("error").path("param").asString()).isEqualTo("scope");
        assertThat(GatewayClient.parse(admin("/admin/usage?scope=replica").body()).path("scope").asString())
                .isEqualTo("replica");
    }

    @Test
    void metricsArePresentAfterTrafficAndActuatorShowsNothingElse() {
        sim.enqueueChat(ChatBehaviour.serviceUnavailable503());
        gateway.postJson("/v1/chat/completions", chat("Count me", ""));
        gateway.postStream("/v1/chat/completions", chat("Count me too", ",\"stream\":true"));
        sim.enqueueChat(ChatBehaviour.streamCut(2));
        gateway.postStream("/v1/chat/completions", chat("Cut me", ",\"stream\":true"));

        HttpResponse<String> metrics = gateway.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("qwen_gateway_requests_total\\{[^}]*endpoint=\"/v1/chat/completions\"[^}]*"
                        + "model=\"coder-model\"[^}]*outcome=\"ok\"[^}]*protocol=\"openai\"[^}]*status=\"200\"")
                .contains("qwen_gateway_request_duration_seconds_bucket{")
                .contains("qwen_gateway_upstream_duration_seconds_bucket{")
                .contains("qwen_gateway_overhead_seconds_bucket{")
                .contains("qwen_gateway_time_to_first_token_seconds_bucket{")
                .containsPattern("qwen_gateway_tokens_total\\{kind=\"input\",model=\"coder-model\"")
                .contains("qwen_gateway_streams_active ")
                .contains("qwen_gateway_upstream_state{state=\"ok\",upstream=\"default\"} 1.0")
                .contains("qwen_gateway_observer_dropped_total{observer=\"request_line\"}")
                .containsPattern("qwen_gateway_upstream_retries_total\\{cause=\"[a-z_]+\"\\} [1-9]")
                .containsPattern("qwen_gateway_requests_total\\{[^}]*outcome=\"error\"[^}]*status=\"200\""
                        + "[^}]*stream=\"true\"");
        assertThat(gateway.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(gateway.get("/actuator/info").statusCode()).isEqualTo(200);
        // Model requests are the gateway's meters' alone; Actuator's HTTP timer keeps every other route.
        String afterwards = gateway.get("/actuator/prometheus").body();
        assertThat(afterwards).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/actuator/health\"")
                .doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/v1/chat/completions\"");
        assertThat(gateway.get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(gateway.get("/actuator/metrics").statusCode()).isEqualTo(404);
    }

    private static String chat(String text, String more) {
        return "{\"model\":\"coder-model\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]" + more + "}";
    }

    /** {@code count} words of one token each in cl100k_base. */
    private static String words(int count) {
        return "hello ".repeat(count).strip();
    }

    private void anthropic(String text, boolean stream) {
        HttpRequest.Builder request = gateway.request("/v1/messages").header("Content-Type", "application/json")
                .header("anthropic-version", "2023-06-01").header("x-api-key", "any-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
                        + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}"));
        assertThat(gateway.send(request.build()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> admin(String path) {
        return gateway.send(gateway.request(path).header("Authorization", "Bearer " + ADMIN_KEY).GET().build());
    }

    /** Today's row of coder-model through the default upstream, or zeros. */
    private JsonNode todaysUsage() {
        HttpResponse<String> response = admin("/admin/usage?from=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode row : GatewayClient.parse(response.body()).path("data")) {
            if (row.path("model").asString().equals("coder-model") && row.path("upstream").asString().equals("default")) {
                return row;
            }
        }
        return GatewayClient.json("{\"requests\":0,\"failures\":0,\"input_tokens\":0,\"output_tokens\":0}");
    }

    private static String requestId(HttpResponse<String> response) {
        return response.headers().firstValue("x-request-id").orElseThrow();
    }

    /** The request line of {@code response}, once its thread has written it. */
    private static String requestLine(CapturedOutput output, HttpResponse<String> response) {
        Pattern line = Pattern.compile("^.*\\[" + requestId(response) + "\\].*io\\.qwengateway\\.requests.*$",
                Pattern.MULTILINE);
        await().atMost(WAIT).until(() -> line.matcher(output.getOut()).find());
        Matcher found = line.matcher(output.getOut());
        assertThat(found.find()).isTrue();
        return found.group();
    }

    private static RecordedRequest lastChatRequest() {
        List<RecordedRequest> requests = sim.recordedRequests("/v1/chat/completions");
        return requests.get(requests.size() - 1);
    }

    private static String errorLog() {
        try {
            Path file = LOGS.resolve("errors.log");
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("qwen-gateway-it-logs-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
