package io.qwengateway.conformance.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseError;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;

import io.qwengateway.conformance.clients.OpenAiJavaResponseRequests;
import io.qwengateway.conformance.clients.ScenarioInputs;
import io.qwengateway.conformance.harness.Json;
import io.qwengateway.simulator.ChatBehaviour;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/responses} as openai-java's {@code client.responses()} sees it, with response validation on: every
 * response object and every stream event must parse into the SDK's models, enums included.
 */
class OpenAiJavaResponsesIT extends OpenAiJavaTest {

    private static final String HELLO_ANSWER = "Hello from the Qwen simulator. You said: " + ScenarioInputs.PROMPT;

    @Test
    void createAnswersWithAMessageAndUsageAndCarriesTheRequestId() {
        HttpResponseFor<Response> raw = openai.responses().withRawResponse().create(OpenAiJavaResponseRequests.text());
        Response response = raw.parse();

        assertThat(raw.requestId()).get().asString().isNotBlank();
        assertThat(response.id()).startsWith("resp_");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(OpenAiJavaResponseRequests.outputText(response)).isEqualTo(HELLO_ANSWER);
        assertThat(response.usage().orElseThrow().totalTokens())
                .isEqualTo(response.usage().get().inputTokens() + response.usage().get().outputTokens())
                .isPositive();
    }

    @Test
    void streamEventsComeInTheOfficialOrderAndAccumulateToTheCompletedResponse() {
        List<ResponseStreamEvent> events = stream(OpenAiJavaResponseRequests.text());
        Response response = accumulate(events);

        assertThat(types(events)).startsWith("response.created", "response.in_progress",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta")
                .endsWith("response.output_text.done", "response.content_part.done", "response.output_item.done",
                        "response.completed");
        assertThat(sequenceNumbers(events)).isEqualTo(range(events.size()));
        String deltas = events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .map(event -> event.asOutputTextDelta().delta()).reduce("", String::concat);
        assertThat(deltas).isEqualTo(HELLO_ANSWER);
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(OpenAiJavaResponseRequests.outputText(response)).isEqualTo(HELLO_ANSWER);
        assertThat(response.usage().orElseThrow().totalTokens()).isPositive();
    }

    @Test
    void functionCallRoundTripContinuesTheStoredConversationWithPreviousResponseId() {
        Response call = openai.responses().create(OpenAiJavaResponseRequests.weatherQuestion());
        ResponseFunctionToolCall function = OpenAiJavaResponseRequests.onlyFunctionCall(call);

        assertThat(function.name()).isEqualTo(ScenarioInputs.WEATHER_TOOL);
        assertThat(function.callId()).isNotBlank();
        assertThat(Json.parse(function.arguments()).path("city").isString()).isTrue();

        Response answer = openai.responses().create(OpenAiJavaResponseRequests.weatherResult(call));

        assertThat(OpenAiJavaResponseRequests.outputText(answer))
                .isEqualTo("Tool result received: " + ScenarioInputs.WEATHER_RESULT);
        assertThat(answer.previousResponseId()).contains(call.id());
        JsonNode upstream = lastUpstreamRequest().path("messages");
        assertThat(upstream.path(0).path("content").asString()).isEqualTo(ScenarioInputs.WEATHER_QUESTION);
        assertThat(upstream.path(1).path("tool_calls").path(0).path("id").asString()).isEqualTo(function.callId());
        assertThat(upstream.path(2).path("role").asString()).isEqualTo("tool");
        assertThat(upstream.path(2).path("tool_call_id").asString()).isEqualTo(function.callId());
    }

    @Test
    void streamedFunctionCallRoundTripWithStoreFalseSendsEveryItemBackAndStoresNothing() {
        List<ResponseStreamEvent> callEvents = stream(OpenAiJavaResponseRequests.statelessWeatherQuestion());
        Response call = accumulate(callEvents);
        ResponseFunctionToolCall function = OpenAiJavaResponseRequests.onlyFunctionCall(call);

        assertThat(types(callEvents)).contains("response.function_call_arguments.delta",
                "response.function_call_arguments.done");
        assertThat(function.name()).isEqualTo(ScenarioInputs.WEATHER_TOOL);

        Response answer = accumulate(stream(OpenAiJavaResponseRequests.statelessWeatherResult(call)));

        assertThat(OpenAiJavaResponseRequests.outputText(answer))
                .isEqualTo("Tool result received: " + ScenarioInputs.WEATHER_RESULT);
        NotFoundException notStored = catchThrowableOfType(NotFoundException.class,
                () -> openai.responses().retrieve(call.id()));
        assertThat(notStored).as("store: false keeps nothing").isNotNull();
    }

    @Test
    void jsonSchemaTextFormatAnswersWithTheRequiredProperties() {
        Response response = openai.responses().create(OpenAiJavaResponseRequests.jsonSchema());

        JsonNode answer = Json.parse(OpenAiJavaResponseRequests.outputText(response));
        assertThat(answer.path("greeting").isString()).isTrue();
        assertThat(answer.path("language").isString()).isTrue();
        assertThat(lastUpstreamRequest().path("response_format").path("type").asString()).isEqualTo("json_schema");
    }

    /** The SDK's structured outputs: it derives the schema from a class and parses the answer back into one. */
    @Test
    void structuredOutputParsesIntoTheRequestedClass() {
        List<Greeting> greetings = openai.responses().create(ResponseCreateParams.builder()
                        .model(ScenarioInputs.MODEL).input(ScenarioInputs.PROMPT).text(Greeting.class).build())
                .output().stream().flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream()).toList();

        assertThat(greetings).hasSize(1);
        assertThat(greetings.get(0).greeting).isNotBlank();
        assertThat(greetings.get(0).language).isNotBlank();
    }

    /** Public fields: the SDK's schema generator and Jackson 2 both read them without annotations. */
    public static class Greeting {
        public String greeting;
        public String language;
    }

    @Test
    void reasoningWithASummaryComesBackAsAReasoningItemBeforeTheMessage() {
        Response response = openai.responses().create(OpenAiJavaResponseRequests.text().toBuilder()
                .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).summary(Reasoning.Summary.AUTO).build())
                .build());

        ResponseReasoningItem reasoning = response.output().get(0).reasoning().orElseThrow();
        assertThat(reasoning.summary()).singleElement().satisfies(summary ->
                assertThat(summary.text()).isEqualTo("Thinking about: " + ScenarioInputs.PROMPT));
        assertThat(response.output().get(1).isMessage()).isTrue();
        assertThat(lastUpstreamRequest().path("reasoning_effort").asString()).isEqualTo("low");
    }

    @Test
    void streamedReasoningWithoutASummaryArrivesAsReasoningTextEvents() {
        qwen.enqueueChat(ChatBehaviour.reasoning());

        List<ResponseStreamEvent> events = stream(OpenAiJavaResponseRequests.text());
        Response response = accumulate(events);

        String reasoning = events.stream().filter(ResponseStreamEvent::isReasoningTextDelta)
                .map(event -> event.asReasoningTextDelta().delta()).reduce("", String::concat);
        assertThat(reasoning).isEqualTo("Thinking about: " + ScenarioInputs.PROMPT);
        ResponseReasoningItem item = response.output().get(0).reasoning().orElseThrow();
        assertThat(item.content().orElseThrow()).singleElement().satisfies(content ->
                assertThat(content.text()).isEqualTo(reasoning));
        assertThat(OpenAiJavaResponseRequests.outputText(response)).isEqualTo(HELLO_ANSWER);
    }

    @Test
    void storedResponsesCanBeRetrievedListedAndDeleted() {
        Response created = openai.responses().create(OpenAiJavaResponseRequests.text());

        Response retrieved = openai.responses().retrieve(created.id());
        List<String> inputTexts = openai.responses().inputItems().list(created.id()).data().stream()
                .flatMap(item -> item.responseInputMessageItem().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.inputText().stream()).map(text -> text.text()).toList();
        openai.responses().delete(created.id());

        assertThat(retrieved.id()).isEqualTo(created.id());
        assertThat(OpenAiJavaResponseRequests.outputText(retrieved)).isEqualTo(HELLO_ANSWER);
        assertThat(inputTexts).containsExactly(ScenarioInputs.PROMPT);
        assertThat(catchThrowableOfType(NotFoundException.class, () -> openai.responses().retrieve(created.id())))
                .isNotNull();
    }

    @Test
    void exhaustedQuotaBeforeTheFirstStreamByteIsARateLimitExceptionWithItsCode() {
        qwen.enqueueChat(ChatBehaviour.quotaExceeded429());

        RateLimitException error = catchThrowableOfType(RateLimitException.class,
                () -> stream(OpenAiJavaResponseRequests.text()));

        assertThat(error).as("the SDK's exception for 429").isNotNull();
        assertThat(error.statusCode()).isEqualTo(429);
        assertThat(error.code()).contains("insufficient_quota");
        assertThat(error.type()).contains("insufficient_quota");
        assertThat(qwen.chatRequestCount()).as("a spent quota is not retried").isEqualTo(1);
    }

    /**
     * openai-java does not throw for a stream that fails after the 200: the events pass validation, the last is
     * {@code response.failed}, and the accumulated response says {@code failed} with the error.
     */
    @Test
    void qwenStreamTimeoutAfterTheFirstChunksEndsWithResponseFailed() {
        qwen.enqueueChat(ChatBehaviour.midStreamTimeout(2));

        List<ResponseStreamEvent> events = stream(OpenAiJavaResponseRequests.text());
        Response response = accumulate(events);

        assertThat(types(events)).contains("response.output_text.delta").last().isEqualTo("response.failed");
        assertThat(response.status()).contains(ResponseStatus.FAILED);
        ResponseError error = response.error().orElseThrow();
        assertThat(error.code()).isEqualTo(ResponseError.Code.SERVER_ERROR);
        assertThat(error.message()).isNotBlank();
    }

    @Test
    void anUnknownPreviousResponseIsNotFoundWithItsParam() {
        NotFoundException error = catchThrowableOfType(NotFoundException.class,
                () -> openai.responses().create(OpenAiJavaResponseRequests.unknownPrevious()));

        assertThat(error).isNotNull();
        assertThat(error.code()).contains("previous_response_not_found");
        assertThat(error.param()).contains("previous_response_id");
        assertThat(qwen.chatRequestCount()).as("refused before Qwen").isZero();
    }

    private List<ResponseStreamEvent> stream(ResponseCreateParams params) {
        try (StreamResponse<ResponseStreamEvent> stream = openai.responses().createStreaming(params)) {
            List<ResponseStreamEvent> events = new ArrayList<>();
            stream.stream().forEach(events::add);
            return events;
        }
    }

    private static Response accumulate(List<ResponseStreamEvent> events) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        events.forEach(accumulator::accumulate);
        return accumulator.response();
    }

    /** Each event's {@code type}, as the SDK parsed it (its own serialisation of its model). */
    private static List<String> types(List<ResponseStreamEvent> events) {
        return events.stream().map(OpenAiJavaResponsesIT::asJson).map(json -> json.path("type").asString()).toList();
    }

    private static List<Long> sequenceNumbers(List<ResponseStreamEvent> events) {
        return events.stream().map(OpenAiJavaResponsesIT::asJson)
                .map(json -> json.path("sequence_number").asLong(-1)).toList();
    }

    private static JsonNode asJson(ResponseStreamEvent event) {
        try {
            return Json.parse(ObjectMappers.jsonMapper().writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> range(int size) {
        List<Long> numbers = new ArrayList<>();
        for (long i = 0; i < size; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static JsonNode lastUpstreamRequest() {
        var requests = qwen.recordedRequests("/v1/chat/completions");
        return requests.get(requests.size() - 1).jsonBody();
    }
}
