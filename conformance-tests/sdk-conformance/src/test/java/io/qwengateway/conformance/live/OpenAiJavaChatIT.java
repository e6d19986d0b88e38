package io.qwengateway.conformance.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;

import io.qwengateway.conformance.clients.OpenAiJavaRequests;
import io.qwengateway.conformance.clients.ScenarioInputs;
import io.qwengateway.conformance.harness.Json;
import io.qwengateway.simulator.ChatBehaviour;
import tools.jackson.databind.JsonNode;

/** Chat completions through the gateway as openai-java sees them: every answer passes the SDK's validation. */
class OpenAiJavaChatIT extends OpenAiJavaTest {

    private static final String HELLO_ANSWER = "Hello from the Qwen simulator. You said: " + ScenarioInputs.PROMPT;

    @Test
    void chatCompletionParsesAndCarriesTheRequestId() {
        HttpResponseFor<ChatCompletion> raw = openai.chat().completions().withRawResponse()
                .create(OpenAiJavaRequests.chat());
        ChatCompletion completion = raw.parse();

        assertThat(raw.requestId()).get().asString().isNotBlank();
        assertThat(completion.choices().get(0).message().content()).contains(HELLO_ANSWER);
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage().orElseThrow().totalTokens()).isPositive();
    }

    @Test
    void streamAccumulatesToTheWholeAnswerWithoutAUsageChunk() {
        List<ChatCompletionChunk> chunks = stream(OpenAiJavaRequests.chat());
        ChatCompletion completion = accumulate(chunks);

        assertThat(completion.choices().get(0).message().content()).contains(HELLO_ANSWER);
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.choices()).hasSize(1));
        assertThat(completion.usage()).isEmpty();
    }

    @Test
    void streamWithIncludeUsageEndsWithTheUsageChunk() {
        List<ChatCompletionChunk> chunks = stream(OpenAiJavaRequests.streamWithUsage());
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);

        assertThat(last.choices()).isEmpty();
        assertThat(last.usage().orElseThrow().totalTokens()).isPositive();
        assertThat(accumulate(chunks).usage().orElseThrow().totalTokens()).isEqualTo(last.usage().get().totalTokens());
    }

    @Test
    void toolCallAndToolResultRoundTrip() {
        ChatCompletion call = openai.chat().completions().create(OpenAiJavaRequests.weatherQuestion());
        ChatCompletionMessageFunctionToolCall function = onlyFunctionCall(call);

        assertThat(call.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(function.function().name()).isEqualTo(ScenarioInputs.WEATHER_TOOL);
        assertThat(Json.parse(function.function().arguments()).path("city").isString()).isTrue();

        ChatCompletion answer = openai.chat().completions().create(OpenAiJavaRequests.weatherResult(call));
        assertThat(answer.choices().get(0).message().content())
                .contains("Tool result received: " + ScenarioInputs.WEATHER_RESULT);
    }

    @Test
    void streamedToolCallsAccumulateIntoDistinctCallsEvenWhenQwenCollidesTheirIndexes() {
        // Qwen's quirk: two calls both at index 0, ids only on first fragments, finish "stop".
        qwen.enqueueChat(ChatBehaviour.toolCallQuirks());

        ChatCompletion completion = accumulate(stream(OpenAiJavaRequests.weatherQuestion()));

        List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(2);
        assertThat(calls).extracting(call -> call.asFunction().id()).doesNotHaveDuplicates().allSatisfy(
                id -> assertThat(id).isNotBlank());
        assertThat(calls).allSatisfy(call -> assertThat(Json.parse(call.asFunction().function().arguments())
                .isObject()).isTrue());
        assertThat(completion.choices().get(0).finishReason())
                .isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
    }

    @Test
    void imagePartsReachQwen() {
        ChatCompletion completion = openai.chat().completions().create(OpenAiJavaRequests.image());

        assertThat(completion.choices().get(0).message().content()).get().asString().endsWith("[1 image]");
        JsonNode upstream = qwen.recordedRequests("/v1/chat/completions").get(0).jsonBody();
        assertThat(upstream.toString()).contains(ScenarioInputs.PNG_DATA_URL);
    }

    @Test
    void jsonSchemaAnswerHoldsTheRequiredProperties() {
        ChatCompletion completion = openai.chat().completions().create(OpenAiJavaRequests.jsonSchema());

        JsonNode answer = Json.parse(completion.choices().get(0).message().content().orElseThrow());
        assertThat(answer.path("greeting").isString()).isTrue();
        assertThat(answer.path("language").isString()).isTrue();
    }

    /** The SDK's structured outputs: it derives the schema from a class and parses the answer back into one. */
    @Test
    void structuredOutputParsesIntoTheRequestedClass() {
        Greeting greeting = openai.chat().completions().create(ChatCompletionCreateParams.builder()
                        .model(ScenarioInputs.MODEL).addUserMessage(ScenarioInputs.PROMPT)
                        .responseFormat(Greeting.class).build())
                .choices().get(0).message().content().orElseThrow();

        assertThat(greeting.greeting).isNotBlank();
        assertThat(greeting.language).isNotBlank();
    }

    /** Public fields: the SDK's schema generator and Jackson 2 both read them without annotations. */
    public static class Greeting {
        public String greeting;
        public String language;
    }

    private List<ChatCompletionChunk> stream(ChatCompletionCreateParams params) {
        try (StreamResponse<ChatCompletionChunk> stream = openai.chat().completions().createStreaming(params)) {
            List<ChatCompletionChunk> chunks = new ArrayList<>();
            stream.stream().forEach(chunks::add);
            return chunks;
        }
    }

    private static ChatCompletion accumulate(List<ChatCompletionChunk> chunks) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        chunks.forEach(accumulator::accumulate);
        return accumulator.chatCompletion();
    }

    private static ChatCompletionMessageFunctionToolCall onlyFunctionCall(ChatCompletion completion) {
        List<ChatCompletionMessageToolCall> calls = completion.choices().get(0).message().toolCalls().orElseThrow();
        assertThat(calls).hasSize(1);
        return calls.get(0).asFunction();
    }
}
