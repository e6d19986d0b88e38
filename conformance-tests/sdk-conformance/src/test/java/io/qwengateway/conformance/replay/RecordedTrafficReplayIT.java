package io.qwengateway.conformance.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import io.qwengateway.conformance.harness.ConformanceEnvironment;
import io.qwengateway.conformance.harness.Json;
import io.qwengateway.conformance.recording.RecordedCall;
import io.qwengateway.conformance.recording.Recording;
import io.qwengateway.conformance.scenarios.Scenario;
import io.qwengateway.conformance.scenarios.WireExpectation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Sends every recorded request, byte for byte and with the client's own headers, to the real gateway (backed by the
 * simulator programmed as when it was recorded), and checks each answer against what that client needs.
 * One dynamic test per fixture under {@code src/test/resources/recordings/<client>/<scenario>.json}.
 */
class RecordedTrafficReplayIT {

    private static final ConformanceEnvironment environment = ConformanceEnvironment.get();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TestFactory
    Stream<DynamicNode> everyRecordedRequestGetsWhatItsClientNeeds() {
        List<Path> fixtures = fixtures();
        assertThat(fixtures).as("recorded fixtures").hasSizeGreaterThanOrEqualTo(90);
        return fixtures.stream().map(Recording::read).map(recording -> DynamicTest.dynamicTest(
                recording.client() + " " + recording.clientVersion() + ": " + recording.scenario(),
                () -> replay(recording)));
    }

    private void replay(Recording recording) {
        Scenario scenario = Scenario.byId(recording.scenario());
        List<WireExpectation> expectations = scenario.expectations();
        assertThat(recording.requests()).as("requests of %s", scenario).hasSameSizeAs(expectations);
        environment.freshLogin();
        scenario.prepare(environment.simulator());
        String lastResponseId = null;
        for (int i = 0; i < expectations.size(); i++) {
            RecordedCall request = recording.requests().get(i).continuing(lastResponseId);
            HttpResponse<String> answer = send(request);
            expectations.get(i).check(request, answer);
            lastResponseId = createdResponseId(answer).orElse(lastResponseId);
        }
    }

    /** The id of the response an answer created, if it created one: a response object's, or a stream's first event's. */
    static Optional<String> createdResponseId(HttpResponse<String> answer) {
        String type = answer.headers().firstValue("content-type").orElse("");
        JsonNode response = MissingNode.getInstance();
        if (type.startsWith("application/json")) {
            response = Json.parse(answer.body());
        } else if (type.startsWith("text/event-stream")) {
            response = answer.body().lines().filter(line -> line.startsWith("data: {")).findFirst()
                    .map(line -> Json.parse(line.substring("data: ".length())).path("response"))
                    .orElse(MissingNode.getInstance());
        }
        return response.path("object").asString("").equals("response")
                ? Optional.of(response.path("id").asString()) : Optional.empty();
    }

    private HttpResponse<String> send(RecordedCall call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(environment.gatewayUrl() + call.path()))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body(), StandardCharsets.UTF_8));
        call.headers().forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> fixtures() {
        try (Stream<Path> files = Files.walk(Path.of(RecordedTrafficReplayIT.class.getResource("/recordings").toURI()))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
